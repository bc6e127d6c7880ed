import type Database from 'better-sqlite3';

interface Pending {
  readonly work: () => unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Settled =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

export interface GroupCommitOptions {
  /** Errors that refuse only their own write (its savepoint rolls back); any other aborts the whole group. */
  readonly isRefusal?: (error: unknown) => boolean;
  /** What a failed commit rejects every write of the group with; default the error itself. */
  readonly failure?: (error: unknown, writes: number) => unknown;
  /** Called after each commit, before the writers hear of it. */
  readonly onCommitted?: () => void;
}

/**
 * Group commit for one better-sqlite3 connection: the writes handed in during one turn of the event loop
 * run in one `BEGIN IMMEDIATE` transaction, each in its own savepoint, and none is answered before the
 * commit. Under concurrent callers one commit (one fsync with `synchronous = FULL`) serves many writes
 * instead of one each; a lone caller waits one `setImmediate` longer.
 */
export class SqliteGroupCommit {
  private pending: Pending[] = [];
  private readonly commitGroup: Database.Transaction<(group: readonly Pending[]) => Settled[]>;

  constructor(
    db: Database.Database,
    private readonly options: GroupCommitOptions = {},
  ) {
    const savepoint = db.transaction((work: () => unknown) => work());
    const isRefusal = options.isRefusal ?? (() => false);
    this.commitGroup = db.transaction((group) =>
      group.map((item): Settled => {
        try {
          return { ok: true, value: savepoint(item.work) };
        } catch (error) {
          if (isRefusal(error)) return { ok: false, error };
          throw error;
        }
      }),
    );
  }

  /** Runs `work` in the next group's transaction; settles once that transaction has committed. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  /**
   * Commits what is pending now: call it before closing the connection, so writes already handed in are
   * committed (or refused), not dropped. On a closed connection every pending write is rejected.
   */
  flush(): void {
    const group = this.pending;
    if (group.length === 0) return;
    this.pending = [];
    let settled: Settled[];
    try {
      settled = this.commitGroup.immediate(group);
    } catch (error) {
      const failure = this.options.failure?.(error, group.length) ?? error;
      for (const item of group) item.reject(failure);
      return;
    }
    this.options.onCommitted?.();
    settled.forEach((outcome, i) =>
      outcome.ok ? group[i].resolve(outcome.value) : group[i].reject(outcome.error),
    );
  }
}
