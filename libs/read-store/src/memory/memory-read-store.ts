import type { ChangeSet } from '../change-set';
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

/**
 * Read models in this process's memory, gone when it ends: for throwaway stores such as a replay "as of" a
 * past moment, where the embedded store spent more time writing its B-trees than the projections took to
 * compute what went in them. Hashes are Maps, sorted sets keep their order as SQLite and Redis do (score,
 * then member bytewise). Every call runs whole before another starts, so a commit is atomic.
 */
export class MemoryReadStore implements ReadStore {
  readonly kind = 'memory';
  private readonly hashes = new Map<string, Map<string, string>>();
  private readonly zsets = new Map<string, SortedSet>();
  private readonly checkpoints = new Map<string, StoredCheckpoint>();
  private readonly leases = new Map<string, { readonly token: string; readonly expiresAt: number }>();
  private readonly claims = new Map<string, Map<string, number>>();
  private readonly clock: () => number;

  constructor(options: MemoryReadStoreOptions = {}) {
    this.clock = options.clock ?? Date.now;
  }

  async hmget(refs: readonly FieldRef[]): Promise<(string | null)[]> {
    return refs.map(({ key, field }) => this.hashes.get(key)?.get(field) ?? null);
  }

  async hgetall(keys: readonly string[]): Promise<Record<string, string>[]> {
    return keys.map((key) => Object.fromEntries(this.hashes.get(key) ?? []));
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
      hashes[key] = Object.fromEntries(sorted);
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

  private apply(changes: ChangeSet): void {
    for (const { key, sets, dels, incrs } of changes.hashGroups()) {
      let fields = this.hashes.get(key);
      if (!fields) this.hashes.set(key, (fields = new Map()));
      for (const [field, value] of sets) fields.set(field, value);
      for (const field of dels) fields.delete(field);
      // As HINCRBY: from zero when absent.
      for (const [field, by] of incrs) fields.set(field, String(Number(fields.get(field) ?? 0) + by));
      if (fields.size === 0) this.hashes.delete(key);
    }
    for (const { key, adds, rems } of changes.zsetGroups()) {
      let set = this.zsets.get(key);
      if (!set) this.zsets.set(key, (set = new SortedSet()));
      for (const [member, score] of adds) set.add(member, score);
      for (const member of rems) set.remove(member);
      if (set.size === 0) this.zsets.delete(key);
    }
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
