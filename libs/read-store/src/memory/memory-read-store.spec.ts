import { ChangeSet, type Change } from '../change-set';
import { MemoryReadStore } from './memory-read-store';

// What a replay writes change by change must be what a projector committing the same changes stores.

const changes: Change[] = [
  { op: 'hsetdoc', key: 'm:lead', field: 'memo', doc: { stage: 'mql', note: 'naïve "quoted"' } },
  { op: 'hset', key: 'm:lead', field: 'raw', value: '{"a":1.0,"b":"\\u00e9"}' },
  { op: 'hincr', key: 'm:count', field: 'n', by: 2 },
  { op: 'hset', key: 'm:count', field: 'text', value: '40' },
  { op: 'hincr', key: 'm:count', field: 'text', by: 2 },
  { op: 'hset', key: 'm:gone', field: 'x', value: '1' },
  { op: 'hdel', key: 'm:gone', field: 'x' },
  { op: 'zadd', key: 'm:z', member: 'b', score: 2 },
  { op: 'zadd', key: 'm:z', member: 'a', score: 2 },
  { op: 'zadd', key: 'm:empty', member: 'a', score: 1 },
  { op: 'zrem', key: 'm:empty', member: 'a' },
];

describe('MemoryReadStore written change by change', () => {
  it('stores what committing the same changes stores', async () => {
    const written = new MemoryReadStore();
    written.write(changes);
    const committed = new MemoryReadStore();
    const set = new ChangeSet();
    for (const change of changes) set.add(change);
    await committed.commit({ changes: set, checkpoints: [], leases: [] });

    expect(await written.dump('m')).toEqual(await committed.dump('m'));
    expect(Object.keys((await written.dump('m')).hashes).sort()).toEqual(['m:count', 'm:lead']);
    expect(await written.hgetall(['m:count'])).toEqual([{ n: '2', text: '42' }]);
  });

  it('reads a document back as written, and a stored text as it is, parsed once for doc', () => {
    const store = new MemoryReadStore();
    store.write(changes);
    expect(store.doc('m:lead', 'memo')).toEqual({ stage: 'mql', note: 'naïve "quoted"' });
    expect(store.hget('m:lead', 'memo')).toBe('{"stage":"mql","note":"naïve \\"quoted\\""}');
    const parsed = store.doc('m:lead', 'raw');
    expect(parsed).toEqual({ a: 1, b: 'é' });
    expect(store.doc('m:lead', 'raw')).toBe(parsed);
    expect(store.hget('m:lead', 'raw')).toBe('{"a":1.0,"b":"\\u00e9"}');
    expect(store.hget('m:gone', 'x')).toBeUndefined();
    expect(store.doc('m:lead', 'missing')).toBeUndefined();
  });

  it('refuses a counter step that is not a whole number, as a change set does', () => {
    const store = new MemoryReadStore();
    expect(() => store.write([{ op: 'hincr', key: 'm:c', field: 'n', by: 0.5 }])).toThrow(RangeError);
  });
});
