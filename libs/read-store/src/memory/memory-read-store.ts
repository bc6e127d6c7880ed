import type { Change, ChangeSet, JsonValue } from '../change-set';
import { CommitRefusedError } from '../errors';
import type {
  ClaimOptions,
  Claimed,
  Commit,
  FieldRef,
  HeldLease,
  LeaseHolder,
  ReadModelDump,
  ReadStore,
  StoredCheckpoint,
  ZEntry,
  ZPageOptions,
} from '../read-store';
import { SortedSet, compareBytewise } from './sorted-set';

export interface MemoryReadStoreOptions {
  /** Default `Date.now`: the clock for lease and claim expiry. */
  readonly clock?: () => number;
}

/** A document written by `write`, serialized only once something reads it as text. */
interface StoredDoc {
  readonly doc: JsonValue;
  text?: string;
}

/** A hash field: its text, or a document. */
type Stored = string | StoredDoc;

const textOf = (stored: Stored): string =>
  typeof stored === 'string' ? stored : (stored.text ??= JSON.stringify(stored.doc));

/**
 * Read models in this process's memory, gone when it ends: for throwaway stores such as a replay "as of" a
 * past moment, where the embedded store spent more time writing its B-trees than the projections took to
 * compute what went in them. Hashes are Maps, sorted sets keep their order as SQLite and Redis do (score,
 * then member bytewise). Every call runs whole before another starts, so a commit is atomic.
 *
 * Besides the port, a replay that owns the store may `write` changes one at a time and read them back
 * with `hget` and `doc` (a projection's view), with no batches, checkpoints or leases in between.
 */
export class MemoryReadStore implements ReadStore {
  readonly kind = 'memory';
  private readonly hashes = new Map<string, Map<string, Stored>>();
  private readonly zsets = new Map<string, SortedSet>();
  private readonly checkpoints = new Map<string, StoredCheckpoint>();
  private readonly leases = new Map<string, { readonly token: string; readonly expiresAt: number }>();
  private readonly claims = new Map<string, Map<string, number>>();
  private readonly clock: () => number;

  constructor(options: MemoryReadStoreOptions = {}) {
    this.clock = options.clock ?? Date.now;
  }

  async hmget(refs: readonly FieldRef[]): Promise<(string | null)[]> {
    return refs.map(({ key, field }) => this.hget(key, field) ?? null);
  }

  async hgetall(keys: readonly string[]): Promise<Record<string, string>[]> {
    return keys.map((key) => {
      const fields: Record<string, string> = {};
      for (const [field, stored] of this.hashes.get(key) ?? []) fields[field] = textOf(stored);
      return fields;
    });
  }

  async zpage(key: string, options: ZPageOptions = {}): Promise<ZEntry[]> {
    return this.zsets.get(key)?.page(options) ?? [];
  }

  async zcard(key: string): Promise<number> {
    return this.zsets.get(key)?.size ?? 0;
  }

  async zrangeByRank(key: string, start: number, stop: number): Promise<ZEntry[]> {
    if (stop < start) return [];
    return this.zsets.get(key)?.byRank(start, stop) ?? [];
  }

  async readCheckpoints(ids: readonly string[]): Promise<Map<string, StoredCheckpoint | null>> {
    return new Map(ids.map((id) => [id, this.checkpoints.get(id) ?? null]));
  }

  async commit({ changes, checkpoints, leases }: Commit): Promise<void> {
    this.checkLeases(leases);
    for (const move of checkpoints) {
      const stored = this.checkpoints.get(move.id);
      // A position only means something on the log it was read from.
      if ((stored?.position ?? null) !== move.expected || (stored && stored.storeId !== move.storeId))
        throw new CommitRefusedError('checkpoint', move.id);
    }
    this.apply(changes);
    for (const { id, position, version, storeId } of checkpoints)
      this.checkpoints.set(id, { id, position, version, storeId });
  }

  async drop(namespace: string): Promise<void> {
    this.checkpoints.delete(namespace);
    const prefix = `${namespace}:`;
    for (const key of this.hashes.keys()) if (key.startsWith(prefix)) this.hashes.delete(key);
    for (const key of this.zsets.keys()) if (key.startsWith(prefix)) this.zsets.delete(key);
  }

  async acquireLease(name: string, token: string, ttlMs: number): Promise<boolean> {
    const now = this.clock();
    const held = this.leases.get(name);
    if (held && held.expiresAt > now && held.token !== token) return false;
    this.leases.set(name, { token, expiresAt: now + ttlMs });
    return true;
  }

  async renewLease(name: string, token: string, ttlMs: number): Promise<boolean> {
    const now = this.clock();
    if (!this.holds(name, token, now)) return false;
    this.leases.set(name, { token, expiresAt: now + ttlMs });
    return true;
  }

  async releaseLease(name: string, token: string): Promise<void> {
    if (this.leases.get(name)?.token === token) this.leases.delete(name);
  }

  async leaseHolder(name: string): Promise<LeaseHolder | null> {
    const held = this.leases.get(name);
    const left = held ? held.expiresAt - this.clock() : 0;
    return held && left > 0 ? { token: held.token, expiresInMs: left } : null;
  }

  /** As the other stores: ended claims are cleared, then due items go oldest first, past live claims. */
  async claimDue(options: ClaimOptions): Promise<Claimed[]> {
    const { queue, dueKey, limit, leaseMs, now } = options;
    let claims = this.claims.get(queue);
    if (!claims) this.claims.set(queue, (claims = new Map()));
    for (const [member, until] of claims) if (until <= now) claims.delete(member);
    const claimed: Claimed[] = [];
    const until = now + leaseMs;
    for (const { member, score } of this.zsets.get(dueKey)?.page({ max: now }) ?? []) {
      if (claimed.length === limit) break;
      if (claims.has(member)) continue;
      claims.set(member, until);
      claimed.push({ member, score, until });
    }
    return claimed;
  }

  async dump(namespace: string): Promise<ReadModelDump> {
    const prefix = `${namespace}:`;
    const inNamespace = <T>(map: Map<string, T>) =>
      [...map].filter(([key]) => key.startsWith(prefix)).sort(([a], [b]) => compareBytewise(a, b));
    const hashes: Record<string, Record<string, string>> = {};
    for (const [key, fields] of inNamespace(this.hashes)) {
      const sorted = [...fields].sort(([a], [b]) => compareBytewise(a, b));
      hashes[key] = Object.fromEntries(sorted.map(([field, stored]) => [field, textOf(stored)]));
    }
    const zsets: Record<string, [string, number][]> = {};
    for (const [key, set] of inNamespace(this.zsets))
      zsets[key] = set.page({}).map(({ member, score }) => [member, score]);
    const checkpoint = this.checkpoints.get(namespace);
    return { checkpoints: checkpoint ? { [namespace]: String(checkpoint.position) } : {}, hashes, zsets };
  }

  async close(): Promise<void> {
    this.hashes.clear();
    this.zsets.clear();
  }

  /** The field's text, `undefined` when absent. */
  hget(key: string, field: string): string | undefined {
    const stored = this.hashes.get(key)?.get(field);
    return stored === undefined ? undefined : textOf(stored);
  }

  /** The JSON document in the field, parsed once and kept; shared, so never change it. */
  doc<T>(key: string, field: string): T | undefined {
    const fields = this.hashes.get(key);
    const stored = fields?.get(field);
    if (stored === undefined) return undefined;
    if (typeof stored !== 'string') return stored.doc as T;
    const doc = JSON.parse(stored) as JsonValue;
    fields!.set(field, { doc, text: stored });
    return doc as T;
  }

  /**
   * Applies changes in order, at once, moving no checkpoint and checking no lease: only for a replay that
   * owns this store. The result is what committing them would store.
   */
  write(changes: readonly Change[]): void {
    for (const change of changes) {
      switch (change.op) {
        case 'hset':
          this.fields(change.key).set(change.field, change.value);
          break;
        case 'hsetdoc':
          this.fields(change.key).set(change.field, { doc: change.doc });
          break;
        case 'hdel':
          this.hdel(change.key, change.field);
          break;
        case 'hincr':
          // As a ChangeSet refuses it: counters are whole numbers.
          if (!Number.isSafeInteger(change.by))
            throw new RangeError(`hincr by ${change.by}: whole numbers only`);
          this.hincr(change.key, change.field, change.by);
          break;
        case 'zadd':
          this.zadd(change.key, change.member, change.score);
          break;
        case 'zrem':
          this.zrem(change.key, change.member);
          break;
      }
    }
  }

  private apply(changes: ChangeSet): void {
    for (const { key, sets, dels, incrs } of changes.hashGroups()) {
      const fields = this.fields(key);
      for (const [field, value] of sets) fields.set(field, value);
      for (const field of dels) this.hdel(key, field);
      for (const [field, by] of incrs) this.hincr(key, field, by);
      if (this.hashes.get(key)?.size === 0) this.hashes.delete(key);
    }
    for (const { key, adds, rems } of changes.zsetGroups()) {
      for (const [member, score] of adds) this.zadd(key, member, score);
      for (const member of rems) this.zrem(key, member);
    }
  }

  private fields(key: string): Map<string, Stored> {
    let fields = this.hashes.get(key);
    if (!fields) this.hashes.set(key, (fields = new Map()));
    return fields;
  }

  private hdel(key: string, field: string): void {
    const fields = this.hashes.get(key);
    if (fields?.delete(field) && fields.size === 0) this.hashes.delete(key);
  }

  /** As HINCRBY: from zero when absent. */
  private hincr(key: string, field: string, by: number): void {
    const fields = this.fields(key);
    const stored = fields.get(field);
    fields.set(field, String(Number(stored === undefined ? 0 : textOf(stored)) + by));
  }

  private zadd(key: string, member: string, score: number): void {
    let set = this.zsets.get(key);
    if (!set) this.zsets.set(key, (set = new SortedSet()));
    set.add(member, score);
  }

  private zrem(key: string, member: string): void {
    const set = this.zsets.get(key);
    if (set) set.remove(member);
    if (set?.size === 0) this.zsets.delete(key);
  }

  private checkLeases(leases: readonly HeldLease[]): void {
    const now = this.clock();
    for (const lease of leases) {
      if (!this.holds(lease.name, lease.token, now)) throw new CommitRefusedError('lease', lease.name);
    }
  }

  private holds(name: string, token: string, now: number): boolean {
    const held = this.leases.get(name);
    return held !== undefined && held.token === token && held.expiresAt > now;
  }
}
