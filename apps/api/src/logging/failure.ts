import type { FastifyRequest } from 'fastify';

const FAILURE = Symbol('failure');

type Noted = FastifyRequest & { [FAILURE]?: unknown };

/** What made a request fail on the server (5xx), kept for its log line; the problem filter notes it. */
export function noteFailure(request: FastifyRequest, error: unknown): void {
  (request as Noted)[FAILURE] = error;
}

/**
 * The failure's part of a request's log line: a bug (500) with its stack, for whoever fixes it; an outage
 * (503) only its message, which is all there is to know.
 */
export function failureFields(request: FastifyRequest, status: number): { err?: unknown; error?: string } {
  const error = (request as Noted)[FAILURE];
  if (error === undefined) return {};
  if (status === 500) return { err: error };
  return { error: error instanceof Error ? error.message : String(error) };
}
