// Gap-free `$all` positions on PostgreSQL: one ordered commit path.
//
// The classic trap: hand out positions from a sequence and a transaction that took position 5 can commit
// after one that took 6 has become visible. A catch-up reader that saw 6 stores checkpoint 6 and never
// looks at 5 again: the event is lost to it for good.
//
// Here every append takes its positions by updating the one row of `positions`
// (`SET last_position = last_position + n RETURNING last_position`), in the same transaction as its insert
// and its NOTIFY. The update locks the row until the transaction ends, so a second appender's update
// waits for the first to commit (or roll back) and then reads the value that one left. Positions are
// therefore contiguous (a rolled-back append rolls the counter back with it) and handed out in commit
// order. And they become visible in that order too: PostgreSQL makes a committing transaction visible to
// new snapshots before it releases its locks, so the next appender cannot even get its positions until
// the previous ones are visible. At any moment the visible positions are exactly 1..last_position of the
// visible counter row: a reader bounded by that value (`headPosition`, the subscriptions) never sees a
// position while a lower one is still to come.
//
// The row lock serializes appends, so it is taken as late as possible: the expected-revision and
// idempotency checks run first, outside it, and the locked section is the write alone (group-commit.ts):
// one statement (update, insert, notify) that commits at once, or, for writes that arrived together,
// one transaction that serves them all with one WAL flush. A check can go stale before its write: the
// write then sees it (the statement rechecks the stream, and the unique constraints on (stream, revision)
// and (stream, event_id) catch what a recheck from before the lock wait missed), writes nothing, and the
// append starts over, its checks now seeing the append that won (a conflict, or the original of a retry).
// An append at an exact revision goes to its write first: that recheck is then the whole check.
import type { Pool } from 'pg';
import type { AppendResult, ExpectedRevision } from '../event-store';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors';
import { holds, retryStart, type Actual } from '../expected-revision';
import type { SerializedEvent } from '../serialize-batch';
import { LOST_RACE, type GroupCommit } from './group-commit';
import type { Tables } from './schema';

/** Rounds of "checked, then lost the race at the write" before giving up: only ever reached under a storm. */
const MAX_ROUNDS = 100;

interface StreamRow {
  readonly kind: 'last' | 'stored';
  readonly event_id: string;
  readonly revision: string;
  readonly position: string;
}

/**
 * Appends as the port says: a batch whose ids are already, in order, the events where this append would
 * have put them is a retry and returns the original result without writing; a batch that only partly
 * overlaps stored events is a conflict.
 */
export async function appendEvents(
  pool: Pool,
  t: Tables,
  writes: GroupCommit,
  stream: string,
  events: readonly SerializedEvent[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  // At an exact revision (a capture's `no_stream`, a command's revision read), the write's own recheck
  // is the whole check: written straight away, one round trip fewer. When it loses (a conflict, or a
  // retry whose events are stored), the checks below say which.
  const start = exactStart(expected);
  if (start !== undefined && events.length > 0) {
    const written = await writes.write({ stream, events, firstRevision: start });
    if (written !== LOST_RACE) return written;
  }
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const checked = await check(pool, t, stream, events, expected);
    if ('result' in checked) return checked.result;
    const written = await writes.write({ stream, events, firstRevision: checked.nextRevision });
    if (written !== LOST_RACE) return written;
  }
  throw new EventStoreUnavailableError(`stream ${stream}: lost ${MAX_ROUNDS} races in a row`);
}

/** Where a batch appended at `expected` starts, when that alone decides it; `undefined` for the rest. */
function exactStart(expected: ExpectedRevision): bigint | undefined {
  if (expected === 'no_stream') return 0n;
  if (typeof expected === 'bigint' && expected >= 0n) return expected + 1n;
  return undefined;
}

/** Either the answer without writing (a retry, nothing to write) or the revision the batch starts at. */
type Checked = { readonly result: AppendResult } | { readonly nextRevision: bigint };

async function check(
  pool: Pool,
  t: Tables,
  stream: string,
  events: readonly SerializedEvent[],
  expected: ExpectedRevision,
): Promise<Checked> {
  // The stream's last event and those of the batch's ids already stored, in one round trip.
  const { rows } = await pool.query<StreamRow>(
    `(SELECT 'last' AS kind, event_id, revision, position FROM ${t.events}
       WHERE stream = $1 ORDER BY revision DESC LIMIT 1)
     UNION ALL
     (SELECT 'stored', event_id, revision, position FROM ${t.events}
       WHERE stream = $1 AND event_id = ANY($2::text[]))`,
    [stream, events.map((event) => event.id)],
  );
  const last = rows.find((row) => row.kind === 'last');
  const actual: Actual = last ? BigInt(last.revision) : 'no_stream';
  const conflict = () => new WrongExpectedRevisionError(stream, expected, actual);

  const stored = new Map(rows.filter((row) => row.kind === 'stored').map((row) => [row.event_id, row]));
  if (stored.size > 0) {
    const first = stored.get(events[0].id);
    const start = first ? BigInt(first.revision) : undefined;
    const required = retryStart(expected);
    if (start === undefined || (required !== undefined && start !== required)) throw conflict();
    const { rows: from } = await pool.query<{ event_id: string; position: string }>(
      `SELECT event_id, position FROM ${t.events} WHERE stream = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
      [stream, String(start), events.length],
    );
    if (from.length !== events.length || from.some((row, i) => row.event_id !== events[i].id))
      throw conflict();
    return {
      result: {
        nextExpectedRevision: start + BigInt(events.length) - 1n,
        position: BigInt(from[from.length - 1].position),
      },
    };
  }

  if (!holds(expected, actual)) throw conflict();
  if (events.length === 0) {
    // Nothing to write: report the stream as it is (-1n and 0n for a stream that does not exist).
    return {
      result: {
        nextExpectedRevision: last ? BigInt(last.revision) : -1n,
        position: last ? BigInt(last.position) : 0n,
      },
    };
  }
  return { nextRevision: last ? BigInt(last.revision) + 1n : 0n };
}
