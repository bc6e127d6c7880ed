import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppModule } from './app.module';
import type { Clock } from './clock';
import type { LeadgerConfig } from '@leadger/config';
import { createLogger, type DestinationStream } from '@leadger/logging';
import { badUrl, refuseFragments } from './http/bad-url';
import { serveDashboard } from './http/dashboard';
import { HEADER_LIMIT_BYTES, refuseUnreadableRequest } from './http/client-errors';
import { harden } from './http/hardening';
import { acceptJsonBodiesOnly } from './http/json-only';
import { nestLogger } from './logging/logging.module';
import { requestIdOf } from './logging/request-id';
import { echoRequestId, logRequest, logRequests } from './logging/request-log';
import { setUpOpenApi } from './openapi';
import { ProblemDetailsFilter } from './problem/problem-details.filter';
import { StrictValidationPipe } from './validation/validation-pipe';

/** Commands are small; a larger body is refused (413) before it is parsed. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * The whole HTTP app, built the same way by `main.ts` and the e2e tests (which may give it their clock, and
 * a destination of their own for its log lines; stdout otherwise).
 */
export async function createApp(
  config: LeadgerConfig,
  clock?: Clock,
  logTo?: DestinationStream,
): Promise<NestFastifyApplication> {
  // One logger per app, in the one format of every program; Nest logs through it too (nestjs-pino).
  const log = createLogger({ name: 'api', level: config.logLevel, destination: logTo });
  const problems = new ProblemDetailsFilter();
  const adapter = new FastifyAdapter({
    genReqId: requestIdOf,
    bodyLimit: BODY_LIMIT_BYTES,
    // Past Fastify's default 100, so that an over-long path id (an anonymousId) is refused naming its field.
    routerOptions: { maxParamLength: 256 },
    // A URL the router cannot decode (e.g. `/leads/%FF`) never reaches Nest's filters; answer it alike.
    // Nor do Fastify's hooks run for it: its request id and log line are given here.
    frameworkErrors: (_error: Error, request: FastifyRequest, reply: FastifyReply) => {
      const url = badUrl('is not a valid URL: check its percent-encoding');
      echoRequestId(request, reply);
      void reply.code(400).type(ProblemDetailsFilter.contentType).send(problems.toProblem(url));
      logRequest(log, request, reply);
    },
    // A request Node's parser cannot read (an unknown method, too many header bytes) never reaches Fastify.
    clientErrorHandler: refuseUnreadableRequest,
    http: { maxHeaderSize: HEADER_LIMIT_BYTES },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forConfig(config, log, clock),
    adapter,
    {
      logger: nestLogger(log),
      // A refusal to start (bad OIDC settings, a missing master key) rejects here, for main to print, rather
      // than exiting the process from inside Nest.
      abortOnError: false,
    },
  );
  // Nest routes Fastify's own errors (bad JSON, body too large) through this filter too.
  app.useGlobalFilters(problems);
  app.useGlobalPipes(new StrictValidationPipe());
  // Before harden's rate limit, so that a 429 carries its X-Request-Id too.
  logRequests(app.getHttpAdapter().getInstance(), log);
  await harden(app, config);
  refuseFragments(app.getHttpAdapter().getInstance());
  acceptJsonBodiesOnly(app.getHttpAdapter().getInstance());
  setUpOpenApi(app);
  serveDashboard(app.getHttpAdapter().getInstance());
  app.enableShutdownHooks();
  return app;
}
