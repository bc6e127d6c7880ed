import type { ChangeSet } from '@leadger/read-store';
import { WrittenFields } from './written-fields';

/**
 * What a field is known to hold: its stored text (`null`: absent) and, once parsed or when this session
 * wrote it as a document, the document (then `raw` may be unknown).
 */
export interface Known {
  readonly raw?: string | null;
  doc?: unknown;
}

/**
 * The fields one session has read or written, kept across its batches: while this projector holds the
 * lease nobody else writes the read model, so what it wrote last is what the store holds (or will, once
 * the commit in flight lands) and need not be read or parsed again. Bounded: past `maxEntries` the earliest
 * cached fields are forgotten and read again when needed. Maps are nested (key, then field) so a lookup
 * hashes strings it already has rather than a new concatenation.
 */
export class FieldCache {
  private readonly known = new Map<string, Map<string, Known>>();
  private size = 0;
  /** Written fields this cache no longer holds; only kept when the store started empty. */
  private readonly forgotten: WrittenFields | undefined;

  /** `startsEmpty`: the read models were just dropped (a rebuild), so unwritten fields are absent. */
  constructor(
    private readonly maxEntries = 100_000,
    startsEmpty = false,
  ) {
    this.forgotten = startsEmpty ? new WrittenFields() : undefined;
  }

  get(key: string, field: string): Known | undefined {
    return this.known.get(key)?.get(field);
  }

  /** True when the store started empty and this session never wrote the field: it is absent, unread. */
  knownAbsent(key: string, field: string): boolean {
    return this.forgotten !== undefined && !this.forgotten.mayHave(key, field);
  }

  set(key: string, field: string, known: Known): void {
    let fields = this.known.get(key);
    if (!fields) this.known.set(key, (fields = new Map()));
    const before = fields.size;
    fields.set(field, known);
    this.size += fields.size - before;
  }

  /** True when the next `trim` would forget something. */
  get full(): boolean {
    return this.size > this.maxEntries;
  }

  /** Forgets the fields first cached under every key, down to about half the bound. */
  trim(): void {
    const keep = (this.maxEntries >> 1) / this.size;
    for (const [key, fields] of this.known) {
      const drop = fields.size - Math.floor(fields.size * keep);
      let dropped = 0;
      for (const [field, known] of fields) {
        if (dropped++ >= drop) break;
        // Only fields this session wrote can be in the store; a read that found nothing need not be kept.
        if (known.raw !== null) this.forgotten?.add(key, field);
        fields.delete(field);
      }
    }
    this.size = [...this.known.values()].reduce((sum, fields) => sum + fields.size, 0);
  }

  /** A batch's writes become known; a counter's new value is not, so it is forgotten. */
  absorb(changes: ChangeSet): void {
    for (const [key, slots] of changes.hashSlots) {
      for (const [field, slot] of slots) {
        if (slot.kind === 'set') this.set(key, field, { raw: slot.value });
        else if (slot.kind === 'doc') this.set(key, field, { doc: slot.doc });
        else if (slot.kind === 'del') this.set(key, field, { raw: null });
        else {
          this.forgotten?.add(key, field);
          if (this.known.get(key)?.delete(field)) this.size--;
        }
      }
    }
  }
}
