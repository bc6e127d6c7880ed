import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError, type EventStore, type JsonObject } from '@leadger/event-store';
import type { LoadedRules } from './load-rules';

// Every change of the rules is an event, `PoliciesChanged { digest, rules }` on the stream `policies`, so
// an analyst knows which rules were in force on any date. A program records its rules at start when they
// differ from the last ones recorded; two programs starting at once on the same file record them once.

export const POLICIES_STREAM = 'policies';
export const POLICIES_CHANGED = 'PoliciesChanged';
/** The actor of PoliciesChanged: a program started on changed rules; no principal asked for it. */
export const POLICIES_ACTOR = 'system';

/** The rules a program runs with, and the event that recorded them. */
export interface PoliciesInForce extends LoadedRules {
  /** When they were recorded as changed: their PoliciesChanged's time. */
  readonly changedAt: string;
  /** `$all` position of that PoliciesChanged. */
  readonly position: bigint;
}

/** A PoliciesChanged as recorded: its rules as written then (a later schema may read them differently). */
export interface RecordedPolicies {
  readonly digest: string;
  readonly rules: JsonObject;
  /** The file the program that recorded them read. */
  readonly source: string;
  readonly changedAt: string;
  readonly position: bigint;
  readonly revision: bigint;
}

/** Conflicts mean another program recorded other rules meanwhile; this many in a row is a fault. */
const MAX_ATTEMPTS = 10;

/**
 * Appends PoliciesChanged unless the last one recorded has the same digest, at the revision read: when
 * another program appended meanwhile, it reads again and compares again.
 */
export async function recordRules(
  store: EventStore,
  loaded: LoadedRules,
  clock: () => Date = () => new Date(),
): Promise<PoliciesInForce> {
  for (let attempt = 1; ; attempt++) {
    const { head, last } = await readLast(store);
    if (last?.digest === loaded.digest)
      return { ...loaded, changedAt: last.changedAt, position: last.position };
    const at = clock().toISOString();
    const event = {
      id: randomUUID(),
      type: POLICIES_CHANGED,
      data: { digest: loaded.digest, rules: loaded.rules as unknown as JsonObject },
      metadata: {
        actor: POLICIES_ACTOR,
        source: loaded.source,
        occurredAt: at,
        recordedAt: at,
        schemaVersion: 1,
      },
    };
    try {
      const { position } = await store.appendToStream(POLICIES_STREAM, [event], head ?? 'no_stream');
      return { ...loaded, changedAt: at, position };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/** The rules last recorded in the log, or null when none ever were. */
export async function lastRecordedPolicies(store: EventStore): Promise<RecordedPolicies | null> {
  return (await readLast(store)).last;
}

async function readLast(store: EventStore): Promise<{ head?: bigint; last: RecordedPolicies | null }> {
  const read = await store.readStream(POLICIES_STREAM, { direction: 'backwards', maxCount: 100 });
  if (!read.found || read.events.length === 0) return { last: null };
  const event = read.events.find((e) => e.type === POLICIES_CHANGED);
  const last = event
    ? {
        digest: String(event.data.digest),
        rules: event.data.rules as JsonObject,
        source: String(event.metadata.source),
        changedAt: String(event.metadata.occurredAt),
        position: event.position,
        revision: event.revision,
      }
    : null;
  return { head: read.events[0].revision, last };
}
