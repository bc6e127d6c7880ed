import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '@leadger/logging';
import { principalOf } from '../auth/caller';
import { headerPatterns } from '../leads/command-headers';
import { failureFields } from './failure';
import { REQUEST_ID_HEADER } from './request-id';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every answer carries its request id in X-Request-Id, and every request gets its line once answered. */
export function logRequests(fastify: FastifyInstance, log: Logger): void {
  fastify.addHook('onRequest', async (request, reply) => echoRequestId(request, reply));
  fastify.addHook('onResponse', async (request, reply) => logRequest(log, request, reply));
}

export function echoRequestId(request: FastifyRequest, reply: FastifyReply): void {
  void reply.header(REQUEST_ID_HEADER, request.id);
}

/**
 * A request's one line, once its answer is sent: method, route pattern, status, duration, request id,
 * correlation id, lead id and principal. Nothing else of the request is read: no URL (a query can carry an
 * email), no header but the two ids, no body, never a token. 4xx are the caller's mistakes (info); a 500 is
 * a bug (error, with its stack); another 5xx is an outage the caller retries (warn, with its message).
 */
export function logRequest(log: Logger, request: FastifyRequest, reply: FastifyReply): void {
  const status = reply.statusCode;
  const level = status === 500 ? 'error' : status >= 500 ? 'warn' : 'info';
  if (!log.isLevelEnabled(level)) return;
  const correlationId = request.headers['x-correlation-id'];
  const leadId = (request.params as Record<string, unknown> | undefined)?.leadId;
  const line = {
    requestId: request.id,
    method: request.method,
    // The pattern (`/leads/:leadId/accept`), never the URL; unset when no route matched (a 404).
    route: request.routeOptions.url,
    status,
    durationMs: Math.round(reply.elapsedTime * 100) / 100,
    correlationId:
      typeof correlationId === 'string' && headerPatterns.token.test(correlationId)
        ? correlationId
        : undefined,
    // Only a lead id: a path typed with an email in its place must not put the email in the log.
    leadId: typeof leadId === 'string' && uuid.test(leadId) ? leadId : undefined,
    principal: principalOf(request)?.id,
    ...failureFields(request, status),
  };
  log[level](line, 'request completed');
}
