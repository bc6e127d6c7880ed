import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '@leadger/event-store';
import {
  handleCommand,
  openLeadIdentity,
  openPersonalData,
  type LeadIdentity,
} from '@leadger/lead-application';
import { seedHistory } from '@leadger/seed';

// The CLI as users run it: a real `node` process on the TypeScript sources (tools/register-ts.js, as
// `npm run cli` does), on a data dir of its own. What a test writes or checks in-process goes through the
// same data dir's vault and master key (`<data dir>/vault.sqlite`, `master.key`) the CLI process opens.

export const ROOT = resolve(__dirname, '../../..');
const MAIN = join(ROOT, 'apps/cli/src/main.ts');

/** The actor the CLI's events name: the OS user running the tests (as apps/cli/src/actor.ts finds it). */
export const operator = `cli:${(() => {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
})()}`;

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `leadger <args>` on `dataDir` and collects its output. */
export function runCli(
  dataDir: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CliRun> {
  const child = spawn(process.execPath, ['-r', './tools/register-ts.js', MAIN, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      LEADGER_DATA_DIR: dataDir,
      LEADGER_EVENTSTORE: '',
      EVENTSTORE_URL: '',
      DATABASE_URL: '',
      REDIS_URL: '',
      // The data dir's own master.key, never one from the environment the tests run in.
      LEADGER_MASTER_KEY: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Parses the JSON a `--json` run printed, failing with its stderr when it did not succeed. */
export function json<T>(run: CliRun, code = 0): T {
  if (run.code !== code)
    throw new Error(`exit ${run.code} (expected ${code}):\n${run.stderr}\n${run.stdout}`);
  return JSON.parse(run.stdout) as T;
}

export function tempDataDir(): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'leadger-cli-'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A copy of a data dir's event store, with its WAL if the last writer left one. */
export function copyEventStore(from: string, to: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    const file = join(from, `events.sqlite${suffix}`);
    if (existsSync(file)) copyFileSync(file, join(to, `events.sqlite${suffix}`));
  }
}

/** Every event in the data dir's store, read in-process. */
export async function storedEvents(dataDir: string): Promise<RecordedEvent[]> {
  const store = new SqliteEventStore({ path: join(dataDir, 'events.sqlite') });
  try {
    const events: RecordedEvent[] = [];
    for (;;) {
      const page = await store.readAll({ after: events.at(-1)?.position, maxCount: 10_000 });
      if (page.length === 0) return events;
      events.push(...page);
    }
  } finally {
    await store.close();
  }
}

/**
 * A temp data dir seeded before the file's tests (`leads` leads of `seed`), removed after them; `events`
 * holds what the store then has, filled in by the time the tests run.
 */
export function seededDataDir(leads: number, seed: number): { dir: string; events: RecordedEvent[] } {
  const data = tempDataDir();
  const events: RecordedEvent[] = [];
  beforeAll(async () => {
    await seeded(data.dir, leads, seed);
    events.push(...(await storedEvents(data.dir)));
  }, 30_000);
  afterAll(() => data.dispose());
  return { dir: data.dir, events };
}

/** Seeds a data dir in-process (fast), for tests of the other commands, sealed under the data dir's vault. */
export async function seeded(dataDir: string, leads: number, seed = 1): Promise<void> {
  await withIdentity(dataDir, (store, identity) => seedHistory(store, identity, { leads, seed }));
}

/**
 * Runs `work` on the data dir's event store and its vault, as the CLI opens them (made when the data dir
 * is new), and closes both.
 */
export async function withIdentity<T>(
  dataDir: string,
  work: (store: SqliteEventStore, identity: LeadIdentity) => Promise<T>,
): Promise<T> {
  const store = new SqliteEventStore({ path: join(dataDir, 'events.sqlite') });
  try {
    const identity = await openLeadIdentity({ dataDir }, store);
    try {
      return await work(store, identity);
    } finally {
      await identity.close();
    }
  } finally {
    await store.close();
  }
}

/** Every event in the data dir's store with its personal fields opened (null for an erased lead). */
export async function openedEvents(dataDir: string): Promise<RecordedEvent[]> {
  const events = await storedEvents(dataDir);
  return withIdentity(dataDir, async (_store, { personalData }) => {
    const keys = new Map<string, Buffer | null>();
    const opened: RecordedEvent[] = [];
    for (const event of events) {
      const leadId = String(event.data.leadId);
      if (!keys.has(leadId)) keys.set(leadId, await personalData.openingKey(leadId));
      opened.push({ ...event, data: openPersonalData(event.data, keys.get(leadId) ?? null) });
    }
    return opened;
  });
}

/** Erases a lead as the API's privacy path does: LeadErased appended, then its key destroyed. */
export async function eraseLead(dataDir: string, leadId: string): Promise<void> {
  await withIdentity(dataDir, async (store, { personalData }) => {
    const clock = () => new Date();
    await handleCommand(
      { store, personalData, clock, newId: randomUUID },
      { type: 'EraseLead', data: { leadId }, metadata: { occurredAt: clock().toISOString() } },
      { actor: 'user:privacy-officer' },
    );
    await personalData.erase(leadId);
  });
}
