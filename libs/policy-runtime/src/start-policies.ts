import type { EventStore } from '@leadger/event-store';
import { backoffMs, Pause } from '@leadger/subscriptions';
import { loadRules, type LoadedRules } from './load-rules';
import { recordRules, type PoliciesInForce } from './policies-stream';

// What a program does with the rules at start: reads and checks the file at once (a bad one stops the
// program), then records it in the log — retrying while the event store is down, so that a program
// started before its store still comes up, as it does for everything else.

export interface PoliciesOptions {
  readonly clock?: () => Date;
  /** Told of each failed attempt to record the rules; the next one follows a backoff. */
  readonly onRetry?: (error: Error, attempt: number) => void;
  /** First wait between attempts (default 250 ms), doubling up to `retryMaxMs` (default 30 s), jittered. */
  readonly retryInitialMs?: number;
  readonly retryMaxMs?: number;
}

/** The rules a program runs with, known at once, and their record in the log, made when the store answers. */
export interface PoliciesHandle {
  /** The rules of the file, validated, and their digest: what the program acts on from the start. */
  readonly loaded: LoadedRules;
  /** The record (the PoliciesChanged that holds these rules), once made or found; null until then. */
  recorded(): PoliciesInForce | null;
  /** Resolves once the rules are recorded; rejects only when stopped first. */
  readonly inForce: Promise<PoliciesInForce>;
  /** Resolves after the first attempt, recorded or not: a program need not wait for a store that is down. */
  readonly firstAttempt: Promise<void>;
  /** Stops retrying (at shutdown). */
  stop(): void;
}

/**
 * Reads and validates the rules file (throws RulesFileError, a ConfigError, naming each bad line and field),
 * then records it as PoliciesChanged when it differs from the last rules recorded, retrying until it is.
 */
export function startPolicies(
  store: EventStore,
  file: string,
  options: PoliciesOptions = {},
): PoliciesHandle {
  const loaded = loadRules(file);
  const { clock, onRetry, retryInitialMs = 250, retryMaxMs = 30_000 } = options;
  const pause = new Pause();
  let stopped = false;
  let recorded: PoliciesInForce | null = null;
  let attempted: () => void = () => undefined;
  const firstAttempt = new Promise<void>((done) => (attempted = done));
  const inForce = (async () => {
    for (let attempt = 1; !stopped; attempt++) {
      try {
        recorded = await recordRules(store, loaded, clock);
        return recorded;
      } catch (error) {
        if (!stopped) onRetry?.(error as Error, attempt);
      } finally {
        attempted();
      }
      if (!stopped) await pause.sleep(backoffMs(attempt - 1, retryInitialMs, retryMaxMs));
    }
    throw new Error(`stopped before the rules of ${file} were recorded`);
  })();
  // Nobody need wait for the record: a stop before it is not an unhandled rejection.
  inForce.catch(() => undefined);
  return {
    loaded,
    recorded: () => recorded,
    inForce,
    firstAttempt,
    stop: () => {
      stopped = true;
      pause.wake();
    },
  };
}

/** The rules of the file once recorded in the log: for a program that must know their record to go on. */
export function rulesInForce(
  store: EventStore,
  file: string,
  options: PoliciesOptions = {},
): Promise<PoliciesInForce> {
  return startPolicies(store, file, options).inForce;
}
