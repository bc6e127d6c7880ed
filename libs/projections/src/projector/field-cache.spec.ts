import { ChangeSet } from '@leadger/read-store';
import { FieldCache } from './field-cache';

describe('a field cache of a store that started empty', () => {
  it('knows a field it never wrote is absent, and one it wrote and forgot must be read again', () => {
    const cache = new FieldCache(4, true);
    const changes = new ChangeSet();
    for (const field of ['a', 'b', 'c', 'd', 'e', 'f']) {
      changes.add({ op: 'hset', key: 'funnel:leads', field, value: field });
    }
    changes.add({ op: 'hincr', key: 'funnel:counts', field: 'lead', by: 1 });
    cache.absorb(changes);
    expect(cache.full).toBe(true);
    cache.trim();
    const forgotten = ['a', 'b', 'c', 'd', 'e', 'f'].filter((field) => !cache.get('funnel:leads', field));
    expect(forgotten.length).toBeGreaterThan(0);
    for (const field of forgotten) expect(cache.knownAbsent('funnel:leads', field)).toBe(false);
    expect(cache.knownAbsent('funnel:counts', 'lead')).toBe(false);
    expect(cache.knownAbsent('funnel:leads', 'never-written')).toBe(true);
  });

  it('knows nothing absent when the store did not start empty', () => {
    expect(new FieldCache().knownAbsent('funnel:leads', 'a')).toBe(false);
  });
});
