import {
  AccessDeniedError,
  UnavailableError,
  UnknownError,
  convertToCommandError,
} from '@eventstore/db-client';
import { isPermanentError } from './mapping';

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
