import { ChangeSet, type Change } from '../change-set';
import { encodeCommit } from './encode-commit';

function changes(...list: Change[]): ChangeSet {
  const set = new ChangeSet();
  for (const change of list) set.add(change);
  return set;
}

/** The list back from its MessagePack bytes: the three forms `PackedList` writes. */
function unpack(bytes: Buffer): (string | number)[] {
  expect(bytes[0]).toBe(0xdd);
  const items: (string | number)[] = [];
  let at = 5;
  for (let i = 0; i < bytes.readUInt32BE(1); i++) {
    const size = bytes.readUInt32BE(at + 1);
    if (bytes[at] === 0xce) items.push(size);
    else items.push(bytes.toString('utf8', at + 5, at + 5 + size));
    at += 5 + (bytes[at] === 0xce ? 0 : size);
  }
  expect(at).toBe(bytes.length);
  return items;
}

/** The groups after the leases and moves: `[op, key, items]`, read back as the script reads them. */
function groups(bytes: Buffer): [string | number, string | number, (string | number)[]][] {
  const list = unpack(bytes);
  const moves = 2 + 2 * Number(list[1]);
  const out: [string | number, string | number, (string | number)[]][] = [];
  for (let i = moves + 1 + 5 * Number(list[moves]); i < list.length;) {
    const count = Number(list[i + 2]);
    out.push([list[i], list[i + 1], list.slice(i + 3, i + 3 + count)]);
    i += 3 + count;
  }
  return out;
}

describe('encodeCommit', () => {
  it('given leases and checkpoint moves › then they come first, counted, each a fixed number of items', () => {
    const bytes = encodeCommit('p:', {
      changes: changes({ op: 'hincr', key: 'm:c', field: 'n', by: 2 }),
      leases: [{ name: 'm', token: 't' }],
      checkpoints: [
        { id: 'm', expected: null, position: 7n, version: 1, storeId: 'log' },
        { id: 'k', expected: 3n, position: 7n, version: 2, storeId: 'log' },
      ],
    });
    // prettier-ignore
    expect(unpack(bytes)).toEqual([
      'p:', 1, 'm', 't',
      2, 'm', '', '7', '1', 'log', 'k', '3', '7', '2', 'log',
      'hincr', 'm:c', 2, 'n', '2',
    ]);
  });

  it('given every kind of change › then one group per command and key, and none for what is not there', () => {
    const bytes = encodeCommit('p:', {
      changes: changes(
        { op: 'hset', key: 'm:h', field: 'a', value: 'x' },
        { op: 'hsetdoc', key: 'm:h', field: 'b', doc: { s: 'say "hé" 😀' } },
        { op: 'hdel', key: 'm:h', field: 'c' },
        { op: 'zadd', key: 'm:z', member: 'l1', score: 1.5 },
        { op: 'zrem', key: 'm:z', member: 'l2' },
      ),
      leases: [],
      checkpoints: [],
    });
    expect(groups(bytes)).toEqual([
      ['hset', 'm:h', ['a', 'x', 'b', '{"s":"say \\"hé\\" 😀"}']],
      ['hdel', 'm:h', ['c']],
      ['zadd', 'm:z', ['1.5', 'l1']],
      ['zrem', 'm:z', ['l2']],
    ]);
  });

  it('given more items than a group takes › then it splits them, pairs whole, in order', () => {
    const many: Change[] = [];
    for (let i = 0; i < 1201; i++) many.push({ op: 'hincr', key: 'm:c', field: `f${i}`, by: i });
    for (let i = 0; i < 1001; i++) many.push({ op: 'hdel', key: 'm:d', field: `d${i}` });
    const split = groups(encodeCommit('p:', { changes: changes(...many), leases: [], checkpoints: [] }));
    expect(split.map(([op, key, items]) => [op, key, items.length])).toEqual([
      ['hincr', 'm:c', 1000],
      ['hincr', 'm:c', 1000],
      ['hincr', 'm:c', 402],
      ['hdel', 'm:d', 1000],
      ['hdel', 'm:d', 1],
    ]);
    const pairs = split.filter(([op]) => op === 'hincr').flatMap(([, , items]) => items);
    expect(pairs.slice(1998, 2002)).toEqual(['f999', '999', 'f1000', '1000']);
    expect(pairs).toHaveLength(2 * 1201);
  });
});
