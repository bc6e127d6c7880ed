import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '@leadger/event-store';
import { seedHistory } from '@leadger/seed';

// The CLI as users run it: a real `node` process on the TypeScript sources (tools/register-ts.js, as
// `npm run cli` does), on a data dir of its own.

export const ROOT = resolve(__dirname, '../../..');
const MAIN = join(ROOT, 'apps/cli/src/main.ts');

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
    env: { ...process.env, LEADGER_DATA_DIR: dataDir, EVENTSTORE_URL: '', REDIS_URL: '', ...env },
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

/** Seeds a data dir in-process (fast), for tests of the other commands. */
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

export async function seeded(dataDir: string, leads: number, seed = 1): Promise<void> {
  const store = new SqliteEventStore({ path: join(dataDir, 'events.sqlite') });
  try {
    await seedHistory(store, { leads, seed });
  } finally {
    await store.close();
  }
}
