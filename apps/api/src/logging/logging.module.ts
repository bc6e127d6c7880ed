import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Logger as NestPinoLogger, LoggerModule, PinoLogger, type Params } from 'nestjs-pino';
import type { Logger } from '@leadger/logging';

/** The app's root logger, for what logs outside Nest's own logger (the projector and the policies). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/** pino-http's raw request and response: never logged, whatever their serializers would pick. */
const omitted = (): undefined => undefined;

/**
 * nestjs-pino on the root logger: pino-http gives each request a child logger carrying its `requestId`
 * (Fastify's request id), so whatever Nest or our code logs while serving it says which request it was.
 * pino-http's own request line stays off (the line is `logRequests`', which knows the route and the
 * caller), and it binds neither the raw request nor the response: their default serializers would log
 * every header, Authorization included.
 */
function params(log: Logger): Params {
  return {
    pinoHttp: {
      logger: log,
      autoLogging: false,
      quietReqLogger: true,
      quietResLogger: true,
      customAttributeKeys: { reqId: 'requestId' },
      wrapSerializers: false,
      serializers: { req: omitted, res: omitted },
    },
  };
}

/**
 * Nest's own logger (startup, `new Logger(context)`) writing through the root logger, context as `context`.
 * nestjs-pino keeps the first such logger of the process for lines outside a request: one app per process,
 * as `main` runs it (a test that starts a second app finds Nest's lines of both in the first one's log).
 */
export function nestLogger(log: Logger): NestPinoLogger {
  const given = params(log);
  return new NestPinoLogger(new PinoLogger(given), given);
}

@Global()
@Module({})
export class LoggingModule {
  static forRoot(log: Logger): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot(params(log))],
      providers: [{ provide: ROOT_LOGGER, useValue: log }],
      exports: [ROOT_LOGGER],
    };
  }
}
