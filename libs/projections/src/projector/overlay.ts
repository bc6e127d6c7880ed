import { ChangeSet, type Change, type FieldRef, type ReadStore } from '@leadger/read-store';
import type { ReadView } from '../projection';
import { FieldCache, type Known } from './field-cache';

/**
 * A batch's read-through view of the read model: the fields its events read (from the session's cache,
 * else loaded in one round trip), with the batch's own changes laid over them, so the fifth event of a
 * lead in a batch sees what the first four did without anything having been written yet.
 */
export class BatchOverlay implements ReadView {
  readonly changes = new ChangeSet();

  constructor(private readonly cache: FieldCache = new FieldCache()) {}

  async load(store: ReadStore, refs: readonly FieldRef[]): Promise<void> {
    const missing: FieldRef[] = [];
    const pending: Known = { raw: null };
    for (const ref of refs) {
      if (this.cache.get(ref.key, ref.field)) continue;
      if (this.cache.knownAbsent(ref.key, ref.field)) {
        this.cache.set(ref.key, ref.field, { raw: null });
        continue;
      }
      // A placeholder, so a field read by several events is asked for once.
      this.cache.set(ref.key, ref.field, pending);
      missing.push(ref);
    }
    const values = await store.hmget(missing);
    missing.forEach((ref, i) => this.cache.set(ref.key, ref.field, { raw: values[i] }));
  }

  hget(key: string, field: string): string | undefined {
    const slot = this.changes.slot(key, field);
    if (slot?.kind === 'set') return slot.value;
    if (slot?.kind === 'doc') return JSON.stringify(slot.doc);
    if (slot?.kind === 'del') return undefined;
    const known = this.known(key, field);
    const stored = known.raw !== undefined ? known.raw : JSON.stringify(known.doc);
    if (slot?.kind === 'incr') return String(Number(stored ?? 0) + slot.by);
    return stored ?? undefined;
  }

  doc<T>(key: string, field: string): T | undefined {
    const slot = this.changes.slot(key, field);
    if (slot?.kind === 'doc') return slot.doc as T;
    if (slot) return parse<T>(this.hget(key, field));
    const known = this.known(key, field);
    if (known.raw === null) return undefined;
    // Parsed once, then kept: documents are never changed in place, only replaced.
    if (known.doc === undefined) known.doc = JSON.parse(known.raw!);
    return known.doc as T;
  }

  add(changes: readonly Change[]): void {
    for (const change of changes) this.changes.add(change);
  }

  private known(key: string, field: string): Known {
    const known = this.cache.get(key, field);
    if (!known) throw new Error(`read of ${key} ${field} that the projection did not declare`);
    return known;
  }
}

function parse<T>(text: string | undefined): T | undefined {
  return text === undefined ? undefined : (JSON.parse(text) as T);
}
