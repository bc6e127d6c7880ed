import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { headerPatterns } from '../leads/command-headers';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Fastify's `genReqId`: the caller's (or its proxy's) X-Request-Id when it is one id (1-200 visible ASCII
 * characters, as X-Correlation-Id), so one request keeps one id across the hops; otherwise a new UUID.
 */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && headerPatterns.token.test(given) ? given : randomUUID();
}
