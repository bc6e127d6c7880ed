import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import type { LeadgerConfig } from './config/leadger-config';

const nestLevels: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
const depth: Record<LeadgerConfig['logLevel'], number> = {
  fatal: 1,
  error: 2,
  warn: 3,
  info: 4,
  debug: 5,
  trace: 6,
};

/** The whole HTTP app, built the same way by `main.ts` and the e2e tests. */
export async function createApp(config: LeadgerConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forConfig(config),
    new FastifyAdapter(),
    {
      logger: nestLevels.slice(0, depth[config.logLevel]),
    },
  );
  app.enableShutdownHooks();
  return app;
}
