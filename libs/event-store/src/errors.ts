import type { ExpectedRevision } from './event-store';

/** The stream was not where the append expected it. `actual` is the last revision, or `no_stream`. */
export class WrongExpectedRevisionError extends Error {
  readonly code = 'concurrency';

  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
    options?: { cause?: unknown },
  ) {
    super(`stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`, options);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** The store cannot be reached or refused to work; the original driver error is kept as `cause`. */
export class EventStoreUnavailableError extends Error {
  readonly code = 'unavailable';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}
