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

  /** What a client needs to know of the conflict, in JSON-safe form. */
  problemFields(): Record<string, unknown> {
    return {
      stream: this.stream,
      expectedRevision: String(this.expected),
      currentRevision: String(this.actual),
    };
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

/**
 * The events are larger than the store takes in one append (`maxAppendSize` bytes, when it says): the same
 * append can never succeed, so it must not be retried.
 */
export class AppendTooLargeError extends Error {
  readonly code = 'append_too_large';

  constructor(
    readonly stream: string,
    readonly maxAppendSize: number | undefined,
    options?: { cause?: unknown },
  ) {
    const limit = maxAppendSize === undefined ? '' : ` (at most ${maxAppendSize} bytes)`;
    super(
      `stream ${stream}: the events are larger than the event store accepts in one append${limit}`,
      options,
    );
    this.name = 'AppendTooLargeError';
  }
}

/** The stream was deleted for good (tombstoned): nothing can ever be appended to it again. */
export class StreamDeletedError extends Error {
  readonly code = 'stream_deleted';

  constructor(
    readonly stream: string,
    options?: { cause?: unknown },
  ) {
    super(`stream ${stream} was deleted for good; nothing can be appended to it`, options);
    this.name = 'StreamDeletedError';
  }
}

/** The store refused this service access (its credentials or the stream's ACL): an operator must fix it. */
export class EventStoreAccessDeniedError extends Error {
  readonly code = 'access_denied';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreAccessDeniedError';
  }
}
