// The only file that translates between our port and @eventstore/db-client's own words and types (its next
// major version, the KurrentDB client, renames exactly these). Each concept has a small to/from pair.
import {
  ANY,
  BACKWARDS,
  FORWARDS,
  NO_STREAM,
  STREAM_EXISTS,
  AccessDeniedError,
  InvalidArgumentError,
  MaxAppendSizeExceededError,
  StreamDeletedError as ClientStreamDeletedError,
  StreamNotFoundError,
  UnknownError,
  UnsupportedError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  isCommandError,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type Direction as ClientDirection,
  type Filter,
  type JSONEventData,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  AppendTooLargeError,
  EventStoreAccessDeniedError,
  EventStoreUnavailableError,
  StreamDeletedError,
  WrongExpectedRevisionError,
} from '../errors';
import type {
  AllFilter,
  Direction,
  EventData,
  ExpectedRevision,
  JsonObject,
  RecordedEvent,
} from '../event-store';

/** A read or subscription result from the client: a `$all` or a stream event, never a resolved link. */
export type ClientResolvedEvent = ResolvedEvent | AllStreamResolvedEvent;

/** The client reports "no position" as the largest uint64 (servers before 22.6 on stream reads). */
const NO_POSITION = 2n ** 64n - 1n;

// --- expected revision ------------------------------------------------------------------------------

export function toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      if (expected < 0n) throw new RangeError(`expected revision must be >= 0n, got ${expected}`);
      return expected;
  }
}

/** The client's "current revision" of a stream: a bigint, or `no_stream` (older servers send -1). */
export function fromClientCurrentRevision(current: bigint | string): bigint | 'no_stream' {
  return typeof current === 'bigint' && current >= 0n ? current : 'no_stream';
}

// --- events -----------------------------------------------------------------------------------------

export function toClientEvent(event: EventData): JSONEventData {
  return {
    id: event.id,
    contentType: 'application/json',
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  };
}

/** The commit position of an event in `$all` (unique per event: every gRPC append commits implicitly). */
export function positionOf(resolved: ClientResolvedEvent): bigint | undefined {
  const commit = resolved.event?.position?.commit ?? resolved.commitPosition;
  return commit === undefined || commit < 0n || commit === NO_POSITION ? undefined : commit;
}

/** The client's full position of an event, to read or subscribe from exactly there again. */
export function clientPositionOf(resolved: ClientResolvedEvent): Position | undefined {
  const commit = positionOf(resolved);
  if (commit === undefined) return undefined;
  const position = resolved.event?.position;
  return position?.commit === commit ? position : toClientPosition(commit);
}

/**
 * Events whose stream or type starts with `$` belong to EventStoreDB itself (projections, statistics,
 * stream metadata, links): our port never shows them. An unresolved link has no event at all.
 */
export function isSystemEvent(resolved: ClientResolvedEvent): boolean {
  const event = resolved.event;
  return event === undefined || event.streamId.startsWith('$') || event.type.startsWith('$');
}

/** The exact semantics of our filter, checked on our side too (the server's type filter is a regex). */
export function matchesFilter(resolved: ClientResolvedEvent, filter: AllFilter | undefined): boolean {
  const event = resolved.event;
  if (event === undefined) return false;
  if (filter === undefined) return true;
  if ('streamNamePrefixes' in filter)
    return filter.streamNamePrefixes.some((p) => event.streamId.startsWith(p));
  return filter.eventTypes.includes(event.type);
}

export function fromClientEvent(resolved: ClientResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (event === undefined) throw new Error('EventStoreDB returned a link whose event could not be resolved');
  return {
    id: event.id,
    streamName: event.streamId,
    type: event.type,
    revision: event.revision,
    position: requirePosition(resolved),
    data: toJsonObject(event.data, 'data', event.id, event.streamId),
    metadata: toJsonObject(event.metadata, 'metadata', event.id, event.streamId),
    created: event.created,
  };
}

export function requirePosition(resolved: ClientResolvedEvent): bigint {
  const position = positionOf(resolved);
  if (position !== undefined) return position;
  const event = resolved.event;
  throw new Error(
    `EventStoreDB returned event ${event?.id ?? '?'} of ${event?.streamId ?? '?'} without a $all position ` +
      '(stream reads carry one from server 22.6 on)',
  );
}

function toJsonObject(value: unknown, what: string, id: string, stream: string): JsonObject {
  let parsed = value;
  if (parsed === undefined) return {}; // the client leaves empty metadata undefined
  if (parsed instanceof Uint8Array) {
    if (parsed.length === 0) return {};
    try {
      parsed = JSON.parse(Buffer.from(parsed).toString('utf8')) as unknown;
    } catch {
      parsed = undefined;
    }
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as JsonObject;
  throw new Error(`EventStoreDB event ${id} of ${stream}: ${what} is not a JSON object`);
}

// --- positions, directions, filters -----------------------------------------------------------------

export function toClientPosition(position: bigint): Position {
  // Every gRPC append commits each event implicitly, so an event's commit and prepare positions are equal.
  return { commit: position, prepare: position };
}

export function toClientDirection(direction: Direction): ClientDirection {
  return direction === 'backwards' ? BACKWARDS : FORWARDS;
}

/** A .NET regex no event type matches: an empty filter list keeps no event but still reports catching up. */
const MATCHES_NOTHING = '(?!)';

/**
 * The server-side filter of a subscription: stream-name prefixes as such; event types as an exact-match
 * regex (the client's type filter matches prefixes); no filter still leaves `$` event types on the server.
 */
export function toClientFilter(filter: AllFilter | undefined): Filter {
  if (filter === undefined) return excludeSystemEvents();
  if ('streamNamePrefixes' in filter) {
    const prefixes = filter.streamNamePrefixes;
    if (prefixes.includes('')) return excludeSystemEvents(); // an empty prefix keeps every stream
    if (prefixes.length === 0) return eventTypeFilter({ regex: MATCHES_NOTHING });
    return streamNameFilter({ prefixes: [...prefixes] });
  }
  if (filter.eventTypes.length === 0) return eventTypeFilter({ regex: MATCHES_NOTHING });
  return eventTypeFilter({ regex: `^(?:${filter.eventTypes.map(escapeRegex).join('|')})$` });
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// --- errors -----------------------------------------------------------------------------------------

export function isStreamNotFound(error: unknown): boolean {
  // A soft-deleted stream also reads as not found; a tombstoned one raises StreamDeletedError.
  return error instanceof StreamNotFoundError || error instanceof ClientStreamDeletedError;
}

/**
 * gRPC status codes (numbered by the gRPC spec) with which the server refuses the request itself. The client
 * 6.x turns those it has no class for into `UnknownError`, keeping the status as `code`: the server's
 * invalid-position answer (`RpcExceptions.InvalidPositionException`, InvalidArgument) arrives that way.
 */
const INVALID_ARGUMENT = 3; // an invalid position, argument or filter
const PERMISSION_DENIED = 7;
const UNIMPLEMENTED = 12; // a server too old for the call
const REFUSED_REQUEST_STATUSES: readonly number[] = [INVALID_ARGUMENT, PERMISSION_DENIED, UNIMPLEMENTED];

/** Errors that resubscribing cannot cure: the server refuses this request, not the connection. */
export function isPermanentError(error: unknown): boolean {
  if (
    error instanceof AccessDeniedError ||
    error instanceof InvalidArgumentError ||
    error instanceof UnsupportedError
  )
    return true;
  const status = grpcStatusOf(error);
  return status !== undefined && REFUSED_REQUEST_STATUSES.includes(status);
}

/** The gRPC status a client error was built from, when it was built from one. */
function grpcStatusOf(error: unknown): number | undefined {
  return error instanceof Error && isCommandError(error) ? error.code : undefined;
}

/**
 * KurrentDB's per-event size limit: its batch append answers a MaximumAppendEventSizeExceeded status, which
 * client 6.2.1's `unpackToCommandError` does not know and turns into `UnknownError` with this message.
 */
function isEventSizeExceeded(error: unknown): boolean {
  return (
    error instanceof UnknownError && error.message === 'Could not recognize MaximumAppendEventSizeExceeded'
  );
}

/**
 * Our error for a client error, the original kept as `cause`: a wrong expected version becomes
 * `WrongExpectedRevisionError` (for the `expected` we were given); what no retry can fix gets its own error
 * (`AppendTooLargeError`, `StreamDeletedError`, `EventStoreAccessDeniedError`); anything else the server or the
 * transport raised is `EventStoreUnavailableError`, worth retrying.
 */
export function fromClientError(
  error: unknown,
  context: { readonly operation: string; readonly stream?: string; readonly expected?: ExpectedRevision },
): Error {
  if (error instanceof WrongExpectedRevisionError || error instanceof EventStoreUnavailableError)
    return error;
  if (
    error instanceof WrongExpectedVersionError &&
    context.stream !== undefined &&
    context.expected !== undefined
  ) {
    const actual = fromClientCurrentRevision(error.actualVersion);
    return new WrongExpectedRevisionError(context.stream, context.expected, actual, { cause: error });
  }
  const stream = context.stream ?? '$all';
  if (error instanceof MaxAppendSizeExceededError)
    return new AppendTooLargeError(stream, error.maxAppendSize, { cause: error });
  if (isEventSizeExceeded(error)) return new AppendTooLargeError(stream, undefined, { cause: error });
  if (error instanceof ClientStreamDeletedError)
    return new StreamDeletedError(error.streamName ?? stream, { cause: error });
  const reason = error instanceof Error ? error.message : String(error);
  const where = context.stream === undefined ? '' : ` on ${context.stream}`;
  if (error instanceof AccessDeniedError || grpcStatusOf(error) === PERMISSION_DENIED) {
    return new EventStoreAccessDeniedError(
      `EventStoreDB refused access to ${context.operation}${where} (check the credentials and ACLs of ` +
        `the connection string's user): ${reason}`,
      { cause: error },
    );
  }
  return new EventStoreUnavailableError(`EventStoreDB ${context.operation}${where} failed: ${reason}`, {
    cause: error,
  });
}
