import {
  AccessDeniedError,
  MaxAppendSizeExceededError,
  StreamDeletedError as ClientStreamDeletedError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  convertToCommandError,
} from '@eventstore/db-client';
import { AppendTooLargeError, EventStoreAccessDeniedError, StreamDeletedError } from '../errors';
import { fromClientError, isPermanentError } from './mapping';

/**
 * A gRPC failure as @grpc/grpc-js hands it to the client: a status code, the server's text and (here) no
 * `exception` trailer. `convertToCommandError` is the client's own translation of it into its error classes.
 */
function grpcFailure(code: number, details: string): Error {
  return convertToCommandError(Object.assign(new Error(`${code} ${details}`), { code, details }));
}

/** gRPC status codes, as the spec numbers them. */
const INVALID_ARGUMENT = 3;
const PERMISSION_DENIED = 7;
const UNIMPLEMENTED = 12;
const UNKNOWN = 2;
const UNAVAILABLE = 14;
const DEADLINE_EXCEEDED = 4;
const FAILED_PRECONDITION = 9;

describe('isPermanentError: what resubscribing cannot cure', () => {
  it("counts the server's invalid-position answer as permanent, though the client calls it UnknownError", () => {
    // EventStoreDB's RpcExceptions.InvalidPositionException(): StatusCode.InvalidArgument, no exception trailer.
    const invalidPosition = grpcFailure(INVALID_ARGUMENT, 'Trying to read from an invalid position.');
    expect(invalidPosition).toBeInstanceOf(UnknownError);
    expect(isPermanentError(invalidPosition)).toBe(true);
  });

  it('counts other refusals of the request itself as permanent: denied, not implemented', () => {
    expect(isPermanentError(grpcFailure(PERMISSION_DENIED, 'Access Denied'))).toBe(true);
    expect(isPermanentError(grpcFailure(UNIMPLEMENTED, 'Method not found'))).toBe(true);
    expect(isPermanentError(new AccessDeniedError())).toBe(true);
  });

  it('keeps an unreachable, slow or otherwise failing server transient', () => {
    const unavailable = grpcFailure(UNAVAILABLE, 'No connection established');
    expect(unavailable).toBeInstanceOf(UnavailableError);
    expect(isPermanentError(unavailable)).toBe(false);
    expect(isPermanentError(grpcFailure(DEADLINE_EXCEEDED, 'Deadline exceeded'))).toBe(false);
    expect(isPermanentError(grpcFailure(UNKNOWN, 'Unexpected ReadAllResult: Error'))).toBe(false);
    expect(isPermanentError(new Error('socket hang up'))).toBe(false);
  });
});

describe('fromClientError: appends a retry can never fix get their own codes, keeping the cause', () => {
  const stream = 'lead-1';
  const append = { operation: 'append', stream, expected: 3n } as const;

  /** A unary append's failure (servers without batch append): the server's `exception` trailer names it. */
  function trailerFailure(code: number, trailers: Record<string, string>): Error {
    const metadata = { getMap: () => trailers };
    return convertToCommandError(Object.assign(new Error(`${code}`), { code, details: '', metadata }));
  }

  it('maps an append over the maximum append size to append_too_large, with the limit', () => {
    const batch = MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576);
    const unary = trailerFailure(INVALID_ARGUMENT, {
      exception: 'maximum-append-size-exceeded',
      'maximum-append-size': '1048576',
    });
    for (const cause of [batch, unary]) {
      const error = fromClientError(cause, append);
      expect(error).toMatchObject({ code: 'append_too_large', stream, maxAppendSize: 1_048_576 });
      expect(error).toBeInstanceOf(AppendTooLargeError);
      expect(error.cause).toBe(cause);
    }
  });

  it("maps a newer server's per-event limit, which client 6.2.1 does not recognize, to append_too_large", () => {
    // KurrentDB's batch append answers Status.MaximumAppendEventSizeExceeded; the client's unpackToCommandError
    // has no case for it and builds this UnknownError from the status message.
    const cause = new UnknownError(undefined, 'Could not recognize MaximumAppendEventSizeExceeded');
    const error = fromClientError(cause, append);
    expect(error).toMatchObject({ code: 'append_too_large', stream, maxAppendSize: undefined });
    expect(error.cause).toBe(cause);
  });

  it('maps an append to a deleted (tombstoned) stream to stream_deleted', () => {
    const batch = ClientStreamDeletedError.fromStreamName(stream);
    const unary = trailerFailure(FAILED_PRECONDITION, { exception: 'stream-deleted', 'stream-name': stream });
    for (const cause of [batch, unary]) {
      const error = fromClientError(cause, append);
      expect(error).toMatchObject({ code: 'stream_deleted', stream });
      expect(error).toBeInstanceOf(StreamDeletedError);
      expect(error.cause).toBe(cause);
    }
  });

  it('maps a refusal of access to access_denied, on appends and elsewhere', () => {
    const batch = new AccessDeniedError();
    const bare = grpcFailure(PERMISSION_DENIED, 'Access Denied');
    for (const cause of [batch, bare]) {
      const error = fromClientError(cause, append);
      expect(error).toMatchObject({ code: 'access_denied' });
      expect(error).toBeInstanceOf(EventStoreAccessDeniedError);
      expect(error.message).toContain(stream);
      expect(error.cause).toBe(cause);
    }
    expect(fromClientError(batch, { operation: 'subscription to $all' })).toMatchObject({
      code: 'access_denied',
    });
  });

  it('keeps an unreachable server unavailable (503, retry) and a wrong revision a conflict', () => {
    const unavailable = grpcFailure(UNAVAILABLE, 'No connection established');
    expect(fromClientError(unavailable, append)).toMatchObject({ code: 'unavailable', cause: unavailable });
    const unknown = grpcFailure(UNKNOWN, 'Unexpected OperationResult: Error');
    expect(fromClientError(unknown, append)).toMatchObject({ code: 'unavailable' });
    const conflict = new WrongExpectedVersionError(undefined, {
      streamName: stream,
      expected: 3n,
      current: 5n,
    });
    expect(fromClientError(conflict, append)).toMatchObject({ code: 'concurrency', actual: 5n });
  });
});
