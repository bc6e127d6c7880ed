/** A value a JSON document may hold. */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * One write to a read model. Counters (`hincr`) are whole numbers: money is kept in cents, time in ms.
 * `hsetdoc` stores a JSON document in a hash field; it is serialized once per batch, however often the
 * batch rewrites it.
 */
export type Change =
  | { readonly op: 'hset'; readonly key: string; readonly field: string; readonly value: string }
  | { readonly op: 'hsetdoc'; readonly key: string; readonly field: string; readonly doc: JsonValue }
  | { readonly op: 'hdel'; readonly key: string; readonly field: string }
  | { readonly op: 'hincr'; readonly key: string; readonly field: string; readonly by: number }
  | { readonly op: 'zadd'; readonly key: string; readonly member: string; readonly score: number }
  | { readonly op: 'zrem'; readonly key: string; readonly member: string };

/** What a batch leaves in one hash field: a value, a deletion, or an increment of whatever is stored. */
export type FieldSlot =
  | { readonly kind: 'set'; readonly value: string }
  | { readonly kind: 'doc'; readonly doc: JsonValue }
  | { readonly kind: 'del' }
  | { readonly kind: 'incr'; readonly by: number };

type MemberSlot = { readonly kind: 'add'; readonly score: number } | { readonly kind: 'rem' };

export interface HashGroup {
  readonly key: string;
  readonly sets: readonly (readonly [string, string])[];
  readonly dels: readonly string[];
  readonly incrs: readonly (readonly [string, number])[];
}

export interface ZsetGroup {
  readonly key: string;
  readonly adds: readonly (readonly [string, number])[];
  readonly rems: readonly string[];
}

/**
 * A batch's changes merged down to one final write per field or member, so a commit carries one command
 * per touched key and increments to one counter add up before they are sent. An increment by zero is kept:
 * it creates the field, so the stored model does not depend on where batch boundaries fell.
 */
export class ChangeSet {
  private readonly hashes = new Map<string, Map<string, FieldSlot>>();
  private readonly zsets = new Map<string, Map<string, MemberSlot>>();
  private count = 0;

  add(change: Change): void {
    this.count++;
    switch (change.op) {
      case 'hset':
        return void this.fields(change.key).set(change.field, { kind: 'set', value: change.value });
      case 'hsetdoc':
        return void this.fields(change.key).set(change.field, { kind: 'doc', doc: change.doc });
      case 'hdel':
        return void this.fields(change.key).set(change.field, { kind: 'del' });
      case 'hincr': {
        if (!Number.isSafeInteger(change.by))
          throw new RangeError(`hincr by ${change.by}: whole numbers only`);
        const fields = this.fields(change.key);
        return void fields.set(change.field, increment(fields.get(change.field), change.by));
      }
      case 'zadd':
        return void this.members(change.key).set(change.member, { kind: 'add', score: change.score });
      case 'zrem':
        return void this.members(change.key).set(change.member, { kind: 'rem' });
    }
  }

  /** What these changes do to a field, if anything. */
  slot(key: string, field: string): FieldSlot | undefined {
    return this.hashes.get(key)?.get(field);
  }

  /**
   * Every hash these changes touch, each with what they leave in its fields, in the order first touched:
   * a view, not a copy, for the hot paths (encoding a commit, caching what it wrote) to walk as it is.
   */
  get hashSlots(): ReadonlyMap<string, ReadonlyMap<string, FieldSlot>> {
    return this.hashes;
  }

  /** How many changes were added (before merging). */
  get size(): number {
    return this.count;
  }

  *hashGroups(): Iterable<HashGroup> {
    for (const [key, fields] of this.hashes) {
      const sets: [string, string][] = [];
      const dels: string[] = [];
      const incrs: [string, number][] = [];
      for (const [field, slot] of fields) {
        if (slot.kind === 'set') sets.push([field, slot.value]);
        else if (slot.kind === 'doc') sets.push([field, JSON.stringify(slot.doc)]);
        else if (slot.kind === 'del') dels.push(field);
        else incrs.push([field, slot.by]);
      }
      yield { key, sets, dels, incrs };
    }
  }

  *zsetGroups(): Iterable<ZsetGroup> {
    for (const [key, members] of this.zsets) {
      const adds: [string, number][] = [];
      const rems: string[] = [];
      for (const [member, slot] of members) {
        if (slot.kind === 'add') adds.push([member, slot.score]);
        else rems.push(member);
      }
      yield { key, adds, rems };
    }
  }

  private fields(key: string): Map<string, FieldSlot> {
    let fields = this.hashes.get(key);
    if (!fields) this.hashes.set(key, (fields = new Map()));
    return fields;
  }

  private members(key: string): Map<string, MemberSlot> {
    let members = this.zsets.get(key);
    if (!members) this.zsets.set(key, (members = new Map()));
    return members;
  }
}

/** An increment after a set is a set of the sum; after a deletion it starts from zero, as HINCRBY does. */
function increment(slot: FieldSlot | undefined, by: number): FieldSlot {
  if (!slot) return { kind: 'incr', by };
  if (slot.kind === 'incr') return { kind: 'incr', by: slot.by + by };
  const base = slot.kind === 'set' ? Number(slot.value) : slot.kind === 'doc' ? Number(slot.doc) : 0;
  return { kind: 'set', value: String(base + by) };
}
