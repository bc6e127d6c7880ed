import { rosterPage, type RosterOwner } from './roster-page';

const owner = (ownerId: string): RosterOwner => ({
  ownerId,
  name: ownerId,
  teams: [],
  active: true,
  capacity: null,
  revision: 0n,
});
const ids = (page: ReturnType<typeof rosterPage>) => page.owners.map((o) => o.ownerId);

describe('rosterPage', () => {
  const roster = ['dan', 'ana', 'cy', 'bob', 'ed'].map(owner);

  it('pages by owner id, naming the last id of each full page as the next cursor', () => {
    const first = rosterPage(roster, undefined, 2);
    expect({ owners: ids(first), next: first.nextCursor }).toEqual({ owners: ['ana', 'bob'], next: 'bob' });
    const second = rosterPage(roster, 'bob', 2);
    expect({ owners: ids(second), next: second.nextCursor }).toEqual({ owners: ['cy', 'dan'], next: 'dan' });
    const last = rosterPage(roster, 'dan', 2);
    expect({ owners: ids(last), next: last.nextCursor }).toEqual({ owners: ['ed'], next: null });
  });

  it('ends without a next cursor when the last page is exactly full', () => {
    expect(rosterPage(roster, 'cy', 2).nextCursor).toBeNull();
  });

  it('goes on after an owner who left the page meanwhile, by id, not by place', () => {
    const without = roster.filter((o) => o.ownerId !== 'bob');
    expect(ids(rosterPage(without, 'bob', 2))).toEqual(['cy', 'dan']);
  });

  it('orders ids by code unit, the same on every machine', () => {
    expect(ids(rosterPage(['b', 'B', 'a.1', 'a', '_'].map(owner), undefined, 10))).toEqual([
      'B',
      '_',
      'a',
      'a.1',
      'b',
    ]);
  });
});
