import type { FieldRef, ReadStore } from '@leadger/read-store';
import { FieldCache } from './field-cache';
import { BatchOverlay } from './overlay';

/** A store whose hash fields are given, counting the fields it was asked for. */
function storeWith(fields: Record<string, string>) {
  const asked: string[] = [];
  const store = {
    hmget: async (refs: readonly FieldRef[]) =>
      refs.map(({ key, field }) => {
        asked.push(`${key} ${field}`);
        return fields[`${key} ${field}`] ?? null;
      }),
  } as unknown as ReadStore;
  return { store, asked };
}

describe('BatchOverlay', () => {
  it('given stored fields › then reads see them with the batch changes laid over', async () => {
    const { store, asked } = storeWith({ 'm:leads a': '{"n":1}', 'm:c x': '5' });
    const overlay = new BatchOverlay();
    await overlay.load(store, [
      { key: 'm:leads', field: 'a' },
      { key: 'm:leads', field: 'a' },
      { key: 'm:leads', field: 'b' },
      { key: 'm:c', field: 'x' },
    ]);
    expect(asked).toEqual(['m:leads a', 'm:leads b', 'm:c x']);
    expect(overlay.doc('m:leads', 'a')).toEqual({ n: 1 });
    expect(overlay.doc('m:leads', 'b')).toBeUndefined();
    overlay.add([
      { op: 'hsetdoc', key: 'm:leads', field: 'b', doc: { n: 2 } },
      { op: 'hdel', key: 'm:leads', field: 'a' },
      { op: 'hincr', key: 'm:c', field: 'x', by: 2 },
    ]);
    expect(overlay.doc('m:leads', 'b')).toEqual({ n: 2 });
    expect(overlay.hget('m:leads', 'a')).toBeUndefined();
    expect(overlay.hget('m:c', 'x')).toBe('7');
    expect(() => overlay.hget('m:other', 'x')).toThrow(/did not declare/);
  });

  it('given a cache kept across batches › then what an earlier batch wrote is not read again', async () => {
    const { store, asked } = storeWith({});
    const cache = new FieldCache();
    const first = new BatchOverlay(cache);
    await first.load(store, [{ key: 'm:leads', field: 'a' }]);
    first.add([{ op: 'hsetdoc', key: 'm:leads', field: 'a', doc: { n: 1 } }]);
    cache.absorb(first.changes);

    const second = new BatchOverlay(cache);
    await second.load(store, [{ key: 'm:leads', field: 'a' }]);
    expect(asked).toEqual(['m:leads a']);
    expect(second.doc('m:leads', 'a')).toEqual({ n: 1 });
  });
});
