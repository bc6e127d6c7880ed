import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteEventStore } from '@leadger/event-store';
import { allProjections, rebuildProjections } from '@leadger/projections';
import { SqliteReadStore, type ReadStore } from '@leadger/read-store';
import { generateHistory } from './support/generate-history';
import { dumpAll, eventually, headOf } from './support/read-models';
import { REDIS_URL, tempRedisReadStore } from './support/temp-read-stores';

// The real worker, in a child process, killed with SIGKILL in the middle of a catch-up and started again:
// its read models must equal those of one uninterrupted run. Small batches and a short lease make the kill
// land between commits (or inside one) and let the second process take over quickly; 1.5 s rather than
// less, so that a loaded two-core machine never stalls a renewal past it (the second worker must log nothing).

const ROOT = resolve(__dirname, '../..');
const WORKER = join(ROOT, 'apps/worker/src/main.ts');

function startWorker(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['-r', './test/support/register-ts.js', WORKER], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      LEADGER_PROJECTOR_BATCH: '10',
      LEADGER_PROJECTOR_LEASE_MS: '1500',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return { child, output: () => output };
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.exitCode !== null || child.signalCode !== null
      ? done({ code: child.exitCode, signal: child.signalCode })
      : child.once('exit', (code, signal) => done({ code, signal })),
  );

describe.each(['sqlite', 'redis'] as const)(
  'projector worker killed with SIGKILL (%s read store)',
  (kind) => {
    let dir: string;
    let events: SqliteEventStore;
    let readStore: ReadStore;
    let cleanUp: () => Promise<void>;
    let env: Record<string, string>;

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'leadger-projector-kill9-'));
      events = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
      await generateHistory(events, {
        leads: 500,
        seed: 9,
        from: new Date('2025-01-01T00:00:00Z'),
        spanDays: 90,
        dataDir: dir,
      });
      if (kind === 'redis') {
        const redis = tempRedisReadStore();
        readStore = redis.store;
        cleanUp = redis.dispose;
        env = { LEADGER_DATA_DIR: dir, REDIS_URL, LEADGER_REDIS_PREFIX: redis.prefix };
      } else {
        const sqlite = new SqliteReadStore({ path: join(dir, 'read-models.sqlite') });
        readStore = sqlite;
        cleanUp = () => sqlite.close();
        env = { LEADGER_DATA_DIR: dir, REDIS_URL: '' };
      }
    }, 60_000); // seeding 500 leads takes seconds on a loaded machine

    afterEach(async () => {
      await cleanUp?.();
      await events.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const positions = async () =>
      [
        ...(await readStore.readCheckpoints(allProjections.map((projection) => projection.name))).values(),
      ].map((checkpoint) => checkpoint?.position ?? 0n);

    it('restarts from its checkpoints and ends with the read models of one uninterrupted run', async () => {
      const head = await headOf(events);

      const first = startWorker(env);
      await eventually('a first commit', async () => (await positions())[0] > 0n);
      first.child.kill('SIGKILL');
      expect(await exited(first.child)).toEqual({ code: null, signal: 'SIGKILL' });
      const atKill = await positions();
      expect(atKill.every((position) => position < head)).toBe(true);

      const second = startWorker(env);
      await eventually('the restarted worker to catch up', async () =>
        (await positions()).every((p) => p === head),
      );
      second.child.kill('SIGTERM');
      expect({ exit: await exited(second.child), output: second.output() }).toEqual({
        exit: { code: 0, signal: null },
        output: '',
      });

      const uninterrupted = new SqliteReadStore({ path: ':memory:' });
      try {
        await rebuildProjections({ eventStore: events, readStore: uninterrupted });
        expect(await dumpAll(readStore)).toEqual(await dumpAll(uninterrupted));
      } finally {
        await uninterrupted.close();
      }
    }, 40_000);
  },
);
