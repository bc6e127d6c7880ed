import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@leadger/config';
import { createApp } from '../../apps/api/src/create-app';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly dataDir: string;
  /** Closes the app; keeps the data dir so a test can start again on it. */
  close(): Promise<void>;
  /** Closes the app and removes the data dir. */
  dispose(): Promise<void>;
}

/**
 * The real HTTP app, projector inline, on the embedded stores in a temp data dir (or a given one, to restart
 * on it); `env` overrides settings as the environment would.
 */
export async function startTestApp(
  dataDir = mkdtempSync(join(tmpdir(), 'leadger-e2e-')),
  env: NodeJS.ProcessEnv = {},
): Promise<TestApp> {
  const app = await createApp(loadConfig({ LEADGER_DATA_DIR: dataDir, LOG_LEVEL: 'error', ...env }));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const close = () => app.close();
  return {
    app,
    dataDir,
    close,
    dispose: async () => {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const actor = { 'x-actor': 'svc:e2e' };
