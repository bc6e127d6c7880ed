import { WrongExpectedRevisionError } from '@leadger/event-store';
import {
  CommandRefusedError,
  IdempotencyKeyReusedError,
  OwnerInputError,
  StaleRevisionError,
} from './errors';

/**
 * How a command ended, as metrics count it:
 * - `applied`: accepted (also when it had nothing new to record);
 * - `replayed`: a retry under an idempotency key already answered, given the first answer;
 * - `refused`: the lifecycle refused it (an illegal transition, an unknown or erased lead);
 * - `invalid`: a field the domain refused, or an idempotency key reused for another request;
 * - `conflict`: a stale If-Match, or a race for the stream lost on every attempt;
 * - `forbidden`: the caller may not act on this lead;
 * - `error`: anything else (a store down).
 */
export type CommandResult =
  'applied' | 'replayed' | 'refused' | 'invalid' | 'conflict' | 'forbidden' | 'error';

/**
 * Hears every command the application runs, so metrics stay an add-on at the edge: the API and the worker
 * pass one in (prom-client's, from @leadger/metrics); without one nothing is measured.
 */
export interface CommandObserver {
  /** A command finished: its type, how, and how long it took in seconds, queueing behind its lead included. */
  handled(command: string, result: CommandResult, seconds: number): void;
  /** An append lost the race for its stream; `retried` when the command is decided again because of it. */
  conflicted(command: string, retried: boolean): void;
}

/** Runs `work` and tells the observer, if any, how it went and how long it took. */
export async function observed<T extends { readonly replayed: boolean }>(
  observer: CommandObserver | undefined,
  command: string,
  work: () => Promise<T>,
): Promise<T> {
  if (!observer) return work();
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const outcome = await work();
    observer.handled(command, outcome.replayed ? 'replayed' : 'applied', seconds());
    return outcome;
  } catch (error) {
    // The last race lost ends the command without `onConflict`: it is a conflict too.
    if (error instanceof WrongExpectedRevisionError) observer.conflicted(command, false);
    observer.handled(command, resultOf(error), seconds());
    throw error;
  }
}

/** The result a command's error stands for. */
export function resultOf(error: unknown): CommandResult {
  if (error instanceof CommandRefusedError) return error.code === 'validation' ? 'invalid' : 'refused';
  if (error instanceof OwnerInputError || error instanceof IdempotencyKeyReusedError) return 'invalid';
  if (error instanceof StaleRevisionError || error instanceof WrongExpectedRevisionError) return 'conflict';
  // The API's ForbiddenError, thrown by `authorize`: told by its code, as this library cannot import the API.
  if (error instanceof Error && (error as { code?: unknown }).code === 'forbidden') return 'forbidden';
  return 'error';
}
