import type { Pool, PoolClient } from 'pg';
import type { AppendResult } from '../event-store';
import type { SerializedEvent } from '../serialize-batch';
import type { Tables } from './schema';
import { onConnection } from './transaction';

/** A checked append waiting for its write: the batch and the revision it starts at. */
export interface Write {
  readonly stream: string;
  readonly events: readonly SerializedEvent[];
  readonly firstRevision: bigint;
}

/** A write whose checks went stale (another append got there first): nothing written, check again. */
export const LOST_RACE: unique symbol = Symbol('lost race');

/** What a write comes to: the append's result, or a lost race. */
type Outcome = AppendResult | typeof LOST_RACE;

const UNIQUE_VIOLATION = '23505';
/** Most writes one transaction carries. */
const MAX_GROUP = 100;

interface Pending {
  readonly write: Write;
  resolve(outcome: Outcome): void;
  reject(error: unknown): void;
}

/**
 * Group commit for one store's appends. The positions lock is held through the commit, WAL flush
 * included, so one commit at a time is all a server can do and appends one by one would cost a flush
 * each. Here the writes that arrive while a transaction is in flight go together in the next one, none
 * answered before its commit: one flush serves them all. That transaction takes the positions lock first,
 * so its one statement for all the writes sees everything committed and can check each write's stream
 * exactly: a write whose checks went stale writes nothing and comes back as a lost race, while the others go
 * on. A write that arrives alone is one statement, committed at once.
 */
export class GroupCommit {
  private pending: Pending[] = [];
  /** The loop writing groups, while there are any to write. */
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly t: Tables,
  ) {}

  /** Writes the batch once its transaction has committed; `LOST_RACE` when its checks went stale. */
  write(write: Write): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ write, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** Writes groups until none is pending; `flushing` is cleared in the same turn as the last check. */
  private async flush(): Promise<void> {
    // Entered with a write pending, so the first group's await comes before the `finally`.
    try {
      while (this.pending.length > 0) {
        const group = this.nextGroup();
        try {
          const outcomes: Outcome[] =
            group.length === 1
              ? [await this.alone(group[0].write)]
              : await this.together(group.map((item) => item.write));
          group.forEach((item, i) => item.resolve(outcomes[i]));
        } catch (error) {
          for (const item of group) item.reject(error);
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  /**
   * The pending writes, in order, up to `MAX_GROUP` and one per stream: the group's statement checks each
   * write against the stream as it was before the statement, so a second write to a stream waits for the next.
   */
  private nextGroup(): Pending[] {
    const group: Pending[] = [];
    const streams = new Set<string>();
    const rest: Pending[] = [];
    for (const item of this.pending) {
      if (group.length < MAX_GROUP && !streams.has(item.write.stream)) {
        group.push(item);
        streams.add(item.write.stream);
      } else rest.push(item);
    }
    this.pending = rest;
    return group;
  }

  /** One write, one statement: its own transaction. */
  private async alone(write: Write): Promise<Outcome> {
    try {
      return await writeStatement(this.pool, this.t, write);
    } catch (error) {
      if (isUniqueViolation(error)) return LOST_RACE;
      throw error;
    }
  }

  /** Several writes in one transaction that holds the positions lock from its start. */
  private together(writes: readonly Write[]): Promise<Outcome[]> {
    return onConnection(this.pool, async (client) => {
      // BEGIN and the lock in one round trip.
      await client.query(`BEGIN; SELECT last_position FROM ${this.t.positions} FOR UPDATE`);
      const outcomes = await groupStatement(client, this.t, writes);
      await client.query('COMMIT');
      return outcomes;
    });
  }
}

/**
 * The locked section of one write (see append.ts), one statement: unless the stream moved since the
 * checks (another last revision, or one of the batch's ids stored meanwhile), take the positions, insert
 * the batch at them and announce the new head (delivered to listeners at commit). No row: a lost race.
 *
 * That recheck reads the statement's snapshot, taken before it waited for the positions lock: exact in a
 * transaction that already holds the lock, possibly stale in a statement that waits for it, where the
 * unique constraints catch what it misses.
 */
async function writeStatement(db: Pool | PoolClient, t: Tables, write: Write): Promise<Outcome> {
  const { stream, events, firstRevision } = write;
  const { rows } = await db.query<{ last_position: string }>(
    `WITH unchanged AS (
       SELECT coalesce((SELECT max(revision) FROM ${t.events} WHERE stream = $2), -1) = $3::bigint - 1
          AND NOT EXISTS (SELECT FROM ${t.events} WHERE stream = $2 AND event_id = ANY($4::text[])) AS ok
     ), taken AS (
       UPDATE ${t.positions} SET last_position = last_position + $1
        WHERE (SELECT ok FROM unchanged)
       RETURNING last_position
     ), written AS (
       INSERT INTO ${t.events} (position, stream, revision, event_id, type, data, metadata, occurred_ms)
       SELECT taken.last_position - $1 + e.ord, $2, $3::bigint + e.ord - 1,
              e.id, e.type, e.data::json, e.metadata::json, e.occurred_ms
         FROM taken,
              unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[])
                WITH ORDINALITY AS e (id, type, data, metadata, occurred_ms, ord)
     )
     SELECT last_position, pg_notify($9, last_position::text) FROM taken`,
    [
      events.length,
      stream,
      String(firstRevision),
      events.map((event) => event.id),
      events.map((event) => event.type),
      events.map((event) => event.data),
      events.map((event) => event.metadata),
      events.map((event) => event.occurredMs),
      t.channel,
    ],
  );
  if (rows.length === 0) return LOST_RACE;
  return {
    nextExpectedRevision: firstRevision + BigInt(events.length) - 1n,
    position: BigInt(rows[0].last_position),
  };
}

/**
 * The writes of a group, each to a stream of its own, in one statement run while the transaction holds the
 * positions lock, so each write's recheck is exact: the writes whose streams did not move take positions
 * one after another in the group's order, the others are lost races. Three round trips a group (lock,
 * statement, commit) however many writes it holds.
 */
async function groupStatement(db: PoolClient, t: Tables, writes: readonly Write[]): Promise<Outcome[]> {
  const events = writes.flatMap((write, w) => write.events.map((event, i) => ({ w: w + 1, i, event })));
  const { rows } = await db.query<{ w: string; last_position: string }>(
    `WITH batch AS (
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[]) WITH ORDINALITY AS b (stream, first_revision, n, w)
     ), e AS (
       SELECT * FROM unnest($4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[])
         AS e (w, i, id, type, data, metadata, occurred_ms)
     ), ok AS (
       SELECT b.*, sum(b.n) OVER (ORDER BY b.w) - b.n AS before
         FROM batch b
        WHERE coalesce((SELECT max(revision) FROM ${t.events} WHERE stream = b.stream), -1) = b.first_revision - 1
          AND NOT EXISTS (SELECT FROM ${t.events} x JOIN e ON e.w = b.w WHERE x.stream = b.stream AND x.event_id = e.id)
     ), taken AS (
       UPDATE ${t.positions} SET last_position = last_position + (SELECT sum(n) FROM ok)
        WHERE EXISTS (SELECT FROM ok)
       RETURNING last_position
     ), written AS (
       INSERT INTO ${t.events} (position, stream, revision, event_id, type, data, metadata, occurred_ms)
       SELECT taken.last_position - (SELECT sum(n) FROM ok) + ok.before + e.i + 1, ok.stream, ok.first_revision + e.i,
              e.id, e.type, e.data::json, e.metadata::json, e.occurred_ms
         FROM ok JOIN e ON e.w = ok.w CROSS JOIN taken
     )
     SELECT ok.w, taken.last_position - (SELECT sum(n) FROM ok) + ok.before + ok.n AS last_position,
            pg_notify($11, taken.last_position::text)
       FROM ok CROSS JOIN taken`,
    [
      writes.map((write) => write.stream),
      writes.map((write) => String(write.firstRevision)),
      writes.map((write) => write.events.length),
      events.map(({ w }) => w),
      events.map(({ i }) => i),
      events.map(({ event }) => event.id),
      events.map(({ event }) => event.type),
      events.map(({ event }) => event.data),
      events.map(({ event }) => event.metadata),
      events.map(({ event }) => event.occurredMs),
      t.channel,
    ],
  );
  const written = new Map(rows.map((row) => [Number(row.w), BigInt(row.last_position)]));
  return writes.map((write, w) => {
    const position = written.get(w + 1);
    if (position === undefined) return LOST_RACE;
    return { nextExpectedRevision: write.firstRevision + BigInt(write.events.length) - 1n, position };
  });
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown }).code === UNIQUE_VIOLATION;
}
