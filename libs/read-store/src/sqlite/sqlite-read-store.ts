import type Database from 'better-sqlite3';
import type { ChangeSet } from '../change-set';
import { CommitRefusedError, ReadStoreUnavailableError } from '../errors';
import type {
  ClaimOptions,
  Claimed,
  Commit,
  FieldRef,
  HeldLease,
  LeaseHolder,
  ReadModelDump,
  ReadStore,
  RebuildStage,
  StoredCheckpoint,
  ZEntry,
  ZPageOptions,
} from '../read-store';
import { namespaceOf } from '../keys';
import { claimDue } from './claim';
import { openReadModelDatabase } from './schema';
import { copyStage, dropStage, openStage } from './stage';
import { ReadModelStatements, type WriteStatements } from './statements';
import { ZPager } from './zpage';

export interface SqliteReadStoreOptions {
  /** The read-model file, created if missing; `:memory:` for a throwaway store (replays, tests). */
  readonly path: string;
  /** Default `Date.now`: the clock for lease expiry (all processes on one file share a machine). */
  readonly clock?: () => number;
}

/**
 * The embedded read store: Redis' hashes and sorted sets emulated in one SQLite file. better-sqlite3 is
 * synchronous, so each call runs whole before another caller in this process starts; every write runs in
 * a `BEGIN IMMEDIATE` transaction, which also serializes writers from several processes.
 */
export class SqliteReadStore implements ReadStore {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly sql: ReadModelStatements;
  private readonly pager: ZPager;
  private readonly clock: () => number;
  /** The rebuild being staged, if any: its namespaces and the statements on its tables. */
  private staging: { readonly namespaces: ReadonlySet<string>; readonly sql: WriteStatements } | undefined;

  constructor(options: SqliteReadStoreOptions) {
    this.db = guard(`cannot open ${options.path}`, () => openReadModelDatabase(options.path));
    this.sql = new ReadModelStatements(this.db);
    this.pager = new ZPager(this.db);
    this.clock = options.clock ?? Date.now;
  }

  async hmget(refs: readonly FieldRef[]): Promise<(string | null)[]> {
    return guard('hmget', () =>
      refs.map(({ key, field }) => text(this.writesOf(namespaceOf(key)).hget.get(key, field)?.value)),
    );
  }

  async hgetall(keys: readonly string[]): Promise<Record<string, string>[]> {
    return guard('hgetall', () =>
      keys.map((key) => {
        const fields: Record<string, string> = {};
        for (const row of this.sql.hgetall.all(key)) fields[row.field] = String(row.value);
        return fields;
      }),
    );
  }

  async zpage(key: string, options: ZPageOptions = {}): Promise<ZEntry[]> {
    return guard('zpage', () => this.pager.page(key, options));
  }

  async zcard(key: string): Promise<number> {
    return guard('zcard', () => this.sql.zcard.get(key)?.n ?? 0);
  }

  async zrangeByRank(key: string, start: number, stop: number): Promise<ZEntry[]> {
    if (stop < start) return [];
    return guard('zrangeByRank', () => this.sql.zrank.all(key, stop - start + 1, start));
  }

  async readCheckpoints(ids: readonly string[]): Promise<Map<string, StoredCheckpoint | null>> {
    return guard('readCheckpoints', () => {
      const found = new Map<string, StoredCheckpoint | null>();
      for (const id of ids) {
        const row = this.sql.checkpoint.get(id);
        found.set(
          id,
          row
            ? { id, position: BigInt(row.position), version: Number(row.version), storeId: row.store_id }
            : null,
        );
      }
      return found;
    });
  }

  async commit(commit: Commit): Promise<void> {
    const sql = this.writesOfCommit(commit);
    guard('commit', () => this.db.transaction(() => this.commitNow(commit, sql)).immediate());
  }

  async stage(namespaces: readonly string[]): Promise<RebuildStage> {
    if (this.staging) throw new Error('sqlite read store: a rebuild is already staged');
    const sql = guard('stage', () => openStage(this.db));
    this.staging = { namespaces: new Set(namespaces), sql };
    return { publish: (leases) => this.publish(namespaces, leases), discard: async () => this.unstage() };
  }

  async drop(namespace: string): Promise<void> {
    const [from, to] = namespaceRange(namespace);
    guard('drop', () =>
      this.db
        .transaction(() => {
          this.sql.deleteCheckpoint.run(namespace);
          this.sql.deleteHashes.run(from, to);
          this.sql.deleteZsets.run(from, to);
        })
        .immediate(),
    );
  }

  async acquireLease(name: string, token: string, ttlMs: number): Promise<boolean> {
    return guard('acquireLease', () => this.leaseWrite(name, token, ttlMs, 'acquire'));
  }

  async renewLease(name: string, token: string, ttlMs: number): Promise<boolean> {
    return guard('renewLease', () => this.leaseWrite(name, token, ttlMs, 'renew'));
  }

  async releaseLease(name: string, token: string): Promise<void> {
    guard('releaseLease', () => this.sql.deleteLease.run(name, token));
  }

  async leaseHolder(name: string): Promise<LeaseHolder | null> {
    return guard('leaseHolder', () => {
      const held = this.sql.lease.get(name);
      const left = held ? held.expires_at - this.clock() : 0;
      return held && left > 0 ? { token: held.token, expiresInMs: left } : null;
    });
  }

  async claimDue(options: ClaimOptions): Promise<Claimed[]> {
    return guard('claimDue', () => this.db.transaction(() => claimDue(this.sql, options)).immediate());
  }

  async dump(namespace: string): Promise<ReadModelDump> {
    const [from, to] = namespaceRange(namespace);
    return guard('dump', () => {
      const checkpoint = this.sql.checkpoint.get(namespace);
      const hashes: Record<string, Record<string, string>> = {};
      for (const row of this.sql.hashesIn.all(from, to)) {
        (hashes[row.key] ??= {})[row.field] = String(row.value);
      }
      const zsets: Record<string, [string, number][]> = {};
      for (const row of this.sql.zsetsIn.all(from, to)) (zsets[row.key] ??= []).push([row.member, row.score]);
      return { checkpoints: checkpoint ? { [namespace]: checkpoint.position } : {}, hashes, zsets };
    });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private commitNow({ changes, checkpoints, leases }: Commit, sql: WriteStatements): void {
    this.checkLeases(leases);
    for (const move of checkpoints) {
      const stored = sql.checkpoint.get(move.id);
      const expected = move.expected === null ? null : String(move.expected);
      // A position only means something on the log it was read from.
      if ((stored?.position ?? null) !== expected || (stored && stored.store_id !== move.storeId))
        throw new CommitRefusedError('checkpoint', move.id);
    }
    apply(sql, changes);
    for (const move of checkpoints)
      sql.putCheckpoint.run(move.id, String(move.position), move.version, move.storeId);
  }

  private checkLeases(leases: readonly HeldLease[]): void {
    const now = this.clock();
    for (const lease of leases) {
      if (!this.holds(lease.name, lease.token, now)) throw new CommitRefusedError('lease', lease.name);
    }
  }

  /** The stage's statements for a staged namespace, else the live ones. */
  private writesOf(namespace: string): WriteStatements {
    return this.staging?.namespaces.has(namespace) ? this.staging.sql : this.sql.writes;
  }

  /** A commit goes to the stage when it moves staged checkpoints, and may not mix them with live ones. */
  private writesOfCommit({ checkpoints }: Commit): WriteStatements {
    const staged = checkpoints.filter((move) => this.staging?.namespaces.has(move.id)).length;
    if (staged === 0) return this.sql.writes;
    if (staged < checkpoints.length)
      throw new Error('sqlite read store: a commit mixes staged and live read models');
    return this.staging!.sql;
  }

  /** One transaction: the leases and the absence of checkpoints checked, then the stage copied in. */
  private async publish(namespaces: readonly string[], leases: readonly HeldLease[]): Promise<void> {
    guard('publish', () =>
      this.db
        .transaction(() => {
          this.checkLeases(leases);
          for (const namespace of namespaces) {
            if (this.sql.checkpoint.get(namespace)) throw new CommitRefusedError('checkpoint', namespace);
          }
          copyStage(this.db);
        })
        .immediate(),
    );
    this.unstage();
  }

  private unstage(): void {
    this.staging = undefined;
    if (this.db.open) guard('unstage', () => dropStage(this.db));
  }

  /**
   * Takes or extends a lease in one transaction: `acquire` when it is free, lapsed or ours; `renew` only
   * while it is ours and live, like Redis' PEXPIRE on a key that has not expired.
   */
  private leaseWrite(name: string, token: string, ttlMs: number, how: 'acquire' | 'renew'): boolean {
    return this.db
      .transaction(() => {
        const now = this.clock();
        const held = this.sql.lease.get(name);
        const free = !held || held.expires_at <= now;
        if (!this.holds(name, token, now) && (how === 'renew' || !free)) return false;
        this.sql.putLease.run(name, token, now + ttlMs);
        return true;
      })
      .immediate();
  }

  private holds(name: string, token: string, now: number): boolean {
    const held = this.sql.lease.get(name);
    return held !== undefined && held.token === token && held.expires_at > now;
  }
}

function apply(sql: WriteStatements, changes: ChangeSet): void {
  for (const { key, sets, dels, incrs } of changes.hashGroups()) {
    for (const [field, value] of sets) sql.hset.run(key, field, value);
    for (const field of dels) sql.hdel.run(key, field);
    for (const [field, by] of incrs) sql.hincr.run(key, field, by);
  }
  for (const { key, adds, rems } of changes.zsetGroups()) {
    for (const [member, score] of adds) sql.zadd.run(key, member, score);
    for (const member of rems) sql.zrem.run(key, member);
  }
}

/** The key range `[ns:, ns;)` holding exactly the keys of a namespace (`;` follows `:` bytewise). */
function namespaceRange(namespace: string): [string, string] {
  return [`${namespace}:`, `${namespace};`];
}

function text(value: string | number | undefined): string | null {
  return value === undefined ? null : String(value);
}

/** Runs a driver call; a refusal passes through, anything else becomes `ReadStoreUnavailableError`. */
function guard<T>(what: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof CommitRefusedError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ReadStoreUnavailableError(`sqlite read store: ${what}: ${reason}`, { cause: error });
  }
}
