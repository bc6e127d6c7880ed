import { OwnerRoster } from '@leadger/lead-application';
import { json, operator, runCli, seeded, storedEvents, tempDataDir, withIdentity } from './support/cli';

// `leadger owners list|set`: the owner roster kept by the operator at the CLI, as SetOwner keeps it for
// PUT /owners/{ownerId}: OwnerSet events in owner-<id> streams, read back by the API's own roster.

// Each test starts real `node` processes: slow on a busy two-core machine, and the first one transpiles.
jest.setTimeout(60_000);

const temp = tempDataDir();
afterAll(() => temp.dispose());
beforeAll(() => seeded(temp.dir, 3), 30_000);

const owners = async () => (await storedEvents(temp.dir)).filter((e) => e.streamName.startsWith('owner-'));

interface Listed {
  readonly owners: {
    ownerId: string;
    name: string;
    teams: string[];
    active: boolean;
    capacity: number | null;
    revision: string;
  }[];
}

describe('leadger owners', () => {
  it('refuses a data dir with no store, naming it, and makes nothing', async () => {
    const missing = `${temp.dir}/nowhere`;
    for (const args of [
      ['owners', 'list'],
      ['owners', 'set', 'bob', '--name', 'Bob'],
    ]) {
      const run = await runCli(missing, args);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr).toMatch(/no event store in .*nowhere/);
    }
  });

  it('set adds an owner, as the operator; the same again records nothing', async () => {
    const args = ['owners', 'set', 'bob', '--name', 'Bob Lee', '--teams', 'sdr,inbound', '--capacity', '20'];
    const added = await runCli(temp.dir, args);
    expect({ code: added.code, stdout: added.stdout }).toEqual({
      code: 0,
      stdout: 'added bob (Bob Lee): teams inbound, sdr; active; capacity 20; revision 0\n',
    });
    const again = await runCli(temp.dir, args);
    expect(again.stdout).toMatch(/^unchanged: bob .* revision 0\n$/);
    const events = await owners();
    expect(events.map((e) => [e.streamName, e.type, e.metadata.actor, e.metadata.command])).toEqual([
      ['owner-bob', 'OwnerSet', operator, 'SetOwner'],
    ]);
  });

  it('set changes only what its options name, and answers JSON with --json', async () => {
    const run = await runCli(temp.dir, [
      'owners',
      'set',
      'bob',
      '--inactive',
      '--capacity',
      'none',
      '--json',
    ]);
    expect(json(run)).toEqual({
      ownerId: 'bob',
      name: 'Bob Lee',
      teams: ['inbound', 'sdr'],
      active: false,
      capacity: null,
      revision: '1',
      position: expect.stringMatching(/^\d+$/),
      events: ['OwnerSet'],
    });
  });

  it('refuses a bad value with exit 2, naming the option, and records nothing', async () => {
    for (const [args, message] of [
      [['carol', '--teams', 'ae'], /carol is not in the roster yet: --name is required/],
      [['Carol', '--name', 'Carol'], /ownerId must be 1-64 .*\(<ownerId>\)/],
      [['bob', '--name', '  '], /name is required \(--name\)/],
      [['bob', '--capacity', '-1'], /option '--capacity <n>' argument '-1' is invalid/],
      [['bob', '--active', '--inactive'], /'--active' cannot be used with option '--inactive'/],
    ] as const) {
      const run = await runCli(temp.dir, ['owners', 'set', ...args]);
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(run.stderr).toMatch(message);
    }
    expect(await owners()).toHaveLength(2);
  });

  it('list shows the roster by owner id, as the API reads it', async () => {
    expect((await runCli(temp.dir, ['owners', 'set', 'al', '--name', 'Al Fox'])).code).toBe(0);
    const listed = json<Listed>(await runCli(temp.dir, ['owners', 'list', '--json']));
    expect(listed.owners).toEqual([
      { ownerId: 'al', name: 'Al Fox', teams: [], active: true, capacity: null, revision: '0' },
      {
        ownerId: 'bob',
        name: 'Bob Lee',
        teams: ['inbound', 'sdr'],
        active: false,
        capacity: null,
        revision: '1',
      },
    ]);
    const api = await withIdentity(temp.dir, (store) => new OwnerRoster(store).list());
    expect(api.map((owner) => ({ ...owner, revision: String(owner.revision) }))).toEqual(listed.owners);
    const human = await runCli(temp.dir, ['owners', 'list']);
    expect(human.stdout).toMatch(/^owner\s+name\s+teams\s+active\s+capacity\s+revision\n/);
    expect(human.stdout).toMatch(/\nbob\s+Bob Lee\s+inbound,sdr\s+away\s+no limit\s+1\n/);
  });
});
