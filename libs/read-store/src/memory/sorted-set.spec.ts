import { SortedSet, compareBytewise } from './sorted-set';

describe('compareBytewise', () => {
  it('orders strings as their UTF-8 bytes do, also past U+FFFF', () => {
    const words = ['b', 'a', 'ab', '', 'é', '\uffff', '\ue000', '😀', '𝒜', 'a😀', 'a\uffff', 'Z', '\u00ff'];
    const bytewise = [...words].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...words].sort(compareBytewise)).toEqual(bytewise);
  });
});

describe('SortedSet', () => {
  const set = new SortedSet();
  for (const [member, score] of [
    ['b', 1],
    ['😀', 1],
    ['\uffff', 1],
    ['a', 1],
    ['c', 2],
    ['d', 3],
  ] as const)
    set.add(member, score);
  const members = (page: { member: string }[]) => page.map((entry) => entry.member);

  it('orders by score, then member bytewise, and pages from a cursor among ties both ways', () => {
    expect(members(set.page({}))).toEqual(['a', 'b', '\uffff', '😀', 'c', 'd']);
    expect(members(set.page({ after: { member: 'b', score: 1 }, limit: 2 }))).toEqual(['\uffff', '😀']);
    expect(members(set.page({ reverse: true, after: { member: '😀', score: 1 } }))).toEqual([
      '\uffff',
      'b',
      'a',
    ]);
    expect(members(set.page({ min: 2, max: 2 }))).toEqual(['c']);
    expect(members(set.page({ reverse: true, max: 2, limit: 2 }))).toEqual(['c', '😀']);
  });

  it('moves a member whose score changes, and forgets a removed one', () => {
    const moved = new SortedSet();
    moved.add('x', 5);
    moved.add('y', 1);
    moved.add('x', 0);
    moved.remove('y');
    expect(moved.byRank(0, 5)).toEqual([{ member: 'x', score: 0 }]);
    expect(moved.size).toBe(1);
  });
});
