import { ChangeSet, type Change } from './change-set';

function merged(...changes: Change[]) {
  const set = new ChangeSet();
  for (const change of changes) set.add(change);
  return { hashes: [...set.hashGroups()], zsets: [...set.zsetGroups()], size: set.size };
}

describe('ChangeSet', () => {
  it('given increments of one counter › then it sends their sum, and a zero sum still creates the field', () => {
    const { hashes } = merged(
      { op: 'hincr', key: 'm:c', field: 'a', by: 2 },
      { op: 'hincr', key: 'm:c', field: 'a', by: 3 },
      { op: 'hincr', key: 'm:c', field: 'b', by: 1 },
      { op: 'hincr', key: 'm:c', field: 'b', by: -1 },
    );
    expect(hashes).toEqual([
      {
        key: 'm:c',
        sets: [],
        dels: [],
        incrs: [
          ['a', 5],
          ['b', 0],
        ],
      },
    ]);
  });

  it('given writes to one field › then the last one wins, and an increment after a write adds to it', () => {
    const { hashes } = merged(
      { op: 'hset', key: 'm:h', field: 'x', value: 'one' },
      { op: 'hdel', key: 'm:h', field: 'x' },
      { op: 'hsetdoc', key: 'm:h', field: 'y', doc: { a: 1 } },
      { op: 'hset', key: 'm:h', field: 'n', value: '4' },
      { op: 'hincr', key: 'm:h', field: 'n', by: 2 },
      { op: 'hdel', key: 'm:h', field: 'z' },
      { op: 'hincr', key: 'm:h', field: 'z', by: 7 },
    );
    expect(hashes).toEqual([
      {
        key: 'm:h',
        sets: [
          ['y', '{"a":1}'],
          ['n', '6'],
          ['z', '7'],
        ],
        dels: ['x'],
        incrs: [],
      },
    ]);
  });

  it('given adds and removals of sorted-set members › then each member keeps its last change', () => {
    const { zsets, size } = merged(
      { op: 'zadd', key: 'm:z', member: 'a', score: 1 },
      { op: 'zadd', key: 'm:z', member: 'a', score: 2 },
      { op: 'zadd', key: 'm:z', member: 'b', score: 1 },
      { op: 'zrem', key: 'm:z', member: 'b' },
    );
    expect(zsets).toEqual([{ key: 'm:z', adds: [['a', 2]], rems: ['b'] }]);
    expect(size).toBe(4);
  });

  it('refuses a counter step that is not a whole number', () => {
    expect(() => merged({ op: 'hincr', key: 'm:c', field: 'a', by: 0.5 })).toThrow(RangeError);
  });
});
