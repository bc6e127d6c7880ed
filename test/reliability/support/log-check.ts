import type { EventStore, RecordedEvent } from '@leadger/event-store';
import { verifyChain } from '@leadger/lead-application';
import { rebuildProjections } from '@leadger/projections';
import { SqliteReadStore } from '@leadger/read-store';
import { dumpAll } from '../../projections/support/read-models';
import { acknowledgement, isSuccess, type SentCommand } from './workload';

// Checks a ledger of sent commands against the log: what was acknowledged is there, once.

const listed = (items: readonly unknown[]) => items.join(',');

/**
 * Every way the log and the ledger disagree, as readable lines (none when they agree):
 * - an acknowledged command's events are in the log under its Idempotency-Key (the events' commandId),
 *   exactly the types it was answered with, on its lead's stream, the last at the position it was answered;
 * - no key's events are there twice (a doubled command shows as more types than answered);
 * - every answer to a retry of that key repeats the first (same position, same events);
 * - nothing in the log comes from a key never sent, and the log holds no more events than were answered.
 */
export function logDisagreements(all: readonly RecordedEvent[], ledger: readonly SentCommand[]): string[] {
  // The API keys the test made live in streams of their own: only lead events answer commands.
  const events = all.filter((event) => event.streamName.startsWith('lead-'));
  const byKey = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const key = String(event.metadata.commandId);
    byKey.set(key, [...(byKey.get(key) ?? []), event]);
  }
  const problems: string[] = [];
  let answeredEvents = 0;
  for (const command of ledger) {
    const key = command.request.key;
    const stored = byKey.get(key) ?? [];
    const first = acknowledgement(command);
    if (!first) {
      // Never acknowledged: it may or may not have been applied, but at most once, in one append.
      answeredEvents += stored.length;
      if (new Set(stored.map((event) => event.streamName)).size > 1) problems.push(`${key}: on two streams`);
      continue;
    }
    answeredEvents += first.events.length;
    const types = stored.map((event) => event.type);
    if (listed(types) !== listed(first.events))
      problems.push(`${key}: answered [${listed(first.events)}] but the log holds [${listed(types)}]`);
    if (stored.some((event) => event.streamName !== `lead-${first.leadId}`))
      problems.push(`${key}: events outside lead-${first.leadId}`);
    const last = stored.at(-1);
    if (last && (String(last.position) !== first.position || String(last.revision) !== first.revision))
      problems.push(
        `${key}: answered position ${first.position} revision ${first.revision}, ` +
          `stored at ${last.position} revision ${last.revision}`,
      );
    for (const again of command.answers.filter(isSuccess).slice(1)) {
      const answer = again.body as typeof first;
      if (
        answer.position !== first.position ||
        listed(answer.events) !== listed(first.events) ||
        !answer.replayed
      )
        problems.push(
          `${key}: a retry answered ${JSON.stringify(answer)}, the first ${JSON.stringify(first)}`,
        );
    }
  }
  const sent = new Set(ledger.map((command) => command.request.key));
  for (const key of byKey.keys()) if (!sent.has(key)) problems.push(`${key}: in the log but never sent`);
  if (events.length !== answeredEvents)
    problems.push(`the log holds ${events.length} events, the answers account for ${answeredEvents}`);
  return problems;
}

/** Commands whose last answer is not the status they expected (every command of the load is legal). */
export function unexpectedAnswers(ledger: readonly SentCommand[]): string[] {
  return ledger
    .filter((command) => command.answers.at(-1)?.status !== command.request.expectedStatus)
    .map((command) => {
      const last = command.answers.at(-1);
      const answer = last ? `${last.status} ${JSON.stringify(last.body)}` : 'no answer';
      return `${command.request.key} POST ${command.request.path}: expected ${command.request.expectedStatus}, got ${answer}`;
    });
}

/** The read models a fresh rebuild of the whole log gives, dumped: what a projector's must equal. */
export async function rebuiltDumps(eventStore: EventStore): Promise<Awaited<ReturnType<typeof dumpAll>>> {
  const fresh = new SqliteReadStore({ path: ':memory:' });
  try {
    await rebuildProjections({ eventStore, readStore: fresh });
    return await dumpAll(fresh);
  } finally {
    await fresh.close();
  }
}

/** Each stream, as read from `$all`: its revisions and hash chain must be intact. */
export function chainBreaks(events: readonly RecordedEvent[]) {
  const streams = new Map<string, RecordedEvent[]>();
  // Lead streams are hash-chained; the API keys' streams are not (as `audit verify`, which checks leads).
  for (const event of events.filter((e) => e.streamName.startsWith('lead-'))) {
    const stream = streams.get(event.streamName) ?? [];
    stream.push(event);
    streams.set(event.streamName, stream);
  }
  return [...streams.values()].map(verifyChain).filter((broken) => broken !== undefined);
}
