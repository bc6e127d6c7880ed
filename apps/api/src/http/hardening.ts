import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LeadgerConfig } from '@leadger/config';
import type { FastifyRequest } from 'fastify';
import { PROBLEM_MEDIA_TYPE } from '../problem/problem-details';
import { securityHeaders } from './security-headers';

/**
 * Security headers on every answer (the docs page's scripts and styles are its own), CORS only for the
 * origins configured, and a per-caller rate limit: requests are counted per bearer token (a principal),
 * or per address without one, before anything else is done, and refused with a problem+json 429.
 */
export async function harden(app: NestFastifyApplication, config: LeadgerConfig): Promise<void> {
  const headers = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      void reply.headers(headers);
      done();
    });
  if (config.corsOrigins) {
    const origins = config.corsOrigins.split(',').map((origin) => origin.trim());
    app.enableCors({
      origin: origins.includes('*') ? true : origins,
      exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id'],
    });
  }
  if (config.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      keyGenerator: callerKey,
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        type: 'about:blank',
        title: 'Too Many Requests',
        status: 429,
        detail: `more than ${context.max} requests a minute from this caller; retry after ${context.after}`,
      }),
    });
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onSend', async (_request, reply, payload) => {
        if (reply.statusCode === 429)
          void reply.header('content-type', `${PROBLEM_MEDIA_TYPE}; charset=utf-8`);
        return payload;
      });
  }
}

/** Whom a request is counted against: a digest of its bearer token, or its address without one. */
function callerKey(request: FastifyRequest): string {
  const authorization = request.headers.authorization;
  return authorization
    ? `token:${createHash('sha256').update(authorization).digest('base64url')}`
    : `ip:${request.ip}`;
}
