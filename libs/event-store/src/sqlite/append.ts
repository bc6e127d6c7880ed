import type { AppendResult, ExpectedRevision } from '../event-store';
import { WrongExpectedRevisionError } from '../errors';
import { holds, retryStart, type Actual } from '../expected-revision';
import type { SerializedEvent } from '../serialize-batch';
import type { Statements } from './statements';

/**
 * The body of one append; the caller runs it inside `BEGIN IMMEDIATE`, so nothing can write between the
 * check and the insert. Follows EventStoreDB: a batch whose ids are already, in order, the events where
 * this append would have put them is a retry and returns the original result without writing; a batch
 * that only partly overlaps stored events is a conflict.
 */
export function appendEvents(
  statements: Statements,
  stream: string,
  events: readonly SerializedEvent[],
  expected: ExpectedRevision,
): AppendResult {
  const last = statements.lastOfStream.get(stream);
  const actual: Actual = last ? BigInt(last.revision) : 'no_stream';
  const conflict = () => new WrongExpectedRevisionError(stream, expected, actual);

  const stored = events.map((event) => statements.revisionOfId.get(stream, event.id));
  if (stored.some((row) => row !== undefined)) {
    const start = stored[0] ? BigInt(stored[0].revision) : undefined;
    const required = retryStart(expected);
    if (start === undefined || (required !== undefined && start !== required)) throw conflict();
    const rows = statements.idsFrom.all(stream, start, events.length);
    if (rows.length !== events.length || rows.some((row, i) => row.event_id !== events[i].id))
      throw conflict();
    return {
      nextExpectedRevision: start + BigInt(events.length) - 1n,
      position: BigInt(rows[rows.length - 1].position),
    };
  }

  if (!holds(expected, actual)) throw conflict();
  if (events.length === 0) {
    // Nothing to write: report the stream as it is (-1n and 0n for a stream that does not exist).
    return {
      nextExpectedRevision: last ? BigInt(last.revision) : -1n,
      position: last ? BigInt(last.position) : 0n,
    };
  }

  const created = Date.now();
  let revision = last ? BigInt(last.revision) : -1n;
  let position = 0n;
  for (const event of events) {
    revision += 1n;
    const { lastInsertRowid } = statements.insert.run({
      stream,
      revision,
      eventId: event.id,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      created,
      occurredMs: event.occurredMs,
    });
    position = BigInt(lastInsertRowid);
  }
  return { nextExpectedRevision: revision, position };
}
