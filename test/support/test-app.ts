import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@leadger/config';
import { ApiKeys, roles, type Role } from '@leadger/identity';
import type { DestinationStream } from '@leadger/logging';
import { createApp } from '../../apps/api/src/create-app';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly dataDir: string;
  /** Headers of a key (`e2e`) holding every role but analyst's: what most tests call with. */
  readonly auth: Readonly<Record<string, string>>;
  /** Headers of a new key named `name` with these roles. */
  keyFor(name: string, roles: readonly Role[]): Promise<Readonly<Record<string, string>>>;
  /** Closes the app; keeps the data dir so a test can start again on it. */
  close(): Promise<void>;
  /** Closes the app and removes the data dir. */
  dispose(): Promise<void>;
}

/**
 * The real HTTP app, projector and policies inline, on the embedded stores in a temp data dir (or a given
 * one, to restart on it); `env` overrides settings as the environment would; `clock` replaces the system's;
 * `logTo` takes its log lines instead of stdout.
 */
export async function startTestApp(
  dataDir = mkdtempSync(join(tmpdir(), 'leadger-e2e-')),
  env: NodeJS.ProcessEnv = {},
  clock?: () => Date,
  logTo?: DestinationStream,
): Promise<TestApp> {
  const app = await createApp(
    loadConfig({ LEADGER_DATA_DIR: dataDir, LOG_LEVEL: 'error', LEADGER_RATE_LIMIT_PER_MINUTE: '0', ...env }),
    clock,
    logTo,
  );
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const keys = app.get(ApiKeys);
  const keyFor = async (name: string, roles: readonly Role[]) => {
    // A restart on the same data dir finds the key of the run before: a new one replaces it.
    await keys.revoke(name, 'e2e-setup');
    return { authorization: `Bearer ${(await keys.issue(name, roles, 'e2e-setup')).token}` };
  };
  const auth = await keyFor(E2E_ACTOR, everyRoleButAnalyst);
  actor = auth;
  const close = () => app.close();
  return {
    app,
    dataDir,
    auth,
    keyFor,
    close,
    dispose: async () => {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The principal most tests act as: the actor its events carry. */
export const E2E_ACTOR = 'e2e';

/** Every role but analyst's, whose reads are masked: a caller that may do and read everything. */
const everyRoleButAnalyst = roles.filter((role) => role !== 'analyst');

/**
 * The headers of the app started last, for the tests that send requests without naming an app's key:
 * `Authorization` with its `e2e` key.
 */
export let actor: Readonly<Record<string, string>> = {};
