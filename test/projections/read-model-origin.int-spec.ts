import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, type EventStore } from '@leadger/event-store';
import {
  rebuildProjections,
  startProjector,
  type ProjectorHandle,
  type WorkerLogger,
  type ProjectorOptions,
} from '@leadger/projections';
import { SqliteReadStore, type ReadStore } from '@leadger/read-store';
import { tempSqliteStore } from '../support/temp-sqlite-store';
import { generateHistory } from './support/generate-history';
import { dumpAll, eventually, headOf } from './support/read-models';
import { tempRedisReadStore, tempSqliteReadStore } from './support/temp-read-stores';

// Read models remember which log they were built from (the event store's id beside every checkpoint) and a
// checkpoint can never be past the end of that log. Resumed on another log — another data dir, another
// deployment sharing the read store — or on the same log restored from an older backup, they are rebuilt
// from this log and the projector says so; or, when configured to refuse, left alone while it refuses.

const from = new Date('2025-01-01T00:00:00Z');
const names = ['funnel', 'pipeline', 'nurture', 'handoffs', 'customer-nurture'];
const fast = { batchSize: 50, leaseMs: 600, retryInitialMs: 20, retryMaxMs: 200 };

interface Line {
  readonly level: string;
  readonly message: string;
  readonly fields?: Readonly<Record<string, unknown>>;
}

function recordingLogger(lines: Line[]): WorkerLogger {
  return {
    debug: (message, fields) => void lines.push({ level: 'debug', message, fields }),
    info: (message, fields) => void lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => void lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => void lines.push({ level: 'error', message, fields }),
  };
}

/** Runs a projector until it has caught up with the log (20 s at most), then stops it. */
async function projectAll(options: ProjectorOptions): Promise<ProjectorHandle> {
  const projector = startProjector({ ...fast, ...options });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no catch-up: ${JSON.stringify(projector.status())}`)), 20_000);
  });
  try {
    await Promise.race([projector.caughtUp(), late]);
  } finally {
    clearTimeout(timer);
    await projector.stop();
  }
  return projector;
}

/** The read models equal a rebuild of `log` into a fresh store. */
async function expectBuiltFrom(log: EventStore, store: ReadStore): Promise<void> {
  const fresh = new SqliteReadStore({ path: ':memory:' });
  try {
    await rebuildProjections({ eventStore: log, readStore: fresh });
    expect(await dumpAll(store)).toEqual(await dumpAll(fresh));
  } finally {
    await fresh.close();
  }
}

async function storeIdsOf(store: ReadStore): Promise<(string | null)[]> {
  return [...(await store.readCheckpoints(names)).values()].map((checkpoint) => checkpoint?.storeId ?? null);
}

describe.each([
  ['Redis', tempRedisReadStore],
  ['the embedded read store', tempSqliteReadStore],
])('read models in %s', (_kind, tempReadStore) => {
  let read: ReturnType<typeof tempReadStore>;
  let first: ReturnType<typeof tempSqliteStore>;
  beforeEach(async () => {
    read = tempReadStore();
    first = tempSqliteStore();
    await generateHistory(first.store, { leads: 60, seed: 1, from, spanDays: 30 });
    await projectAll({ eventStore: first.store, readStore: read.store });
  }, 30_000);
  afterEach(async () => {
    await read.dispose();
    await first.dispose();
  });

  it('built from another log are rebuilt from this one, and the projector says so', async () => {
    const other = tempSqliteStore();
    try {
      // A new, smaller log: its positions are all below the read models' checkpoints, and its id differs.
      await generateHistory(other.store, { leads: 20, seed: 2, from, spanDays: 30, emailPrefix: 'other' });
      const lines: Line[] = [];
      const projector = await projectAll({
        eventStore: other.store,
        readStore: read.store,
        logger: recordingLogger(lines),
      });

      await expectBuiltFrom(other.store, read.store);
      expect(await storeIdsOf(read.store)).toEqual(names.map(() => expect.any(String)));
      expect(new Set(await storeIdsOf(read.store))).toEqual(new Set([await other.store.storeId()]));
      const loud = lines.filter((line) => line.level === 'error' && /another event store/.test(line.message));
      expect(loud.map((line) => line.fields?.projection).sort()).toEqual([...names].sort());
      expect(projector.status().mismatch).toMatchObject({
        action: 'rebuilt',
        readModels: expect.arrayContaining([
          expect.objectContaining({ projection: 'funnel', reason: 'another_log' }),
        ]),
      });
    } finally {
      await other.dispose();
    }
  }, 30_000);

  it('past the end of their own log (restored from an older backup) are rebuilt from it', async () => {
    const backup = mkdtempSync(join(tmpdir(), 'leadger-backup-'));
    try {
      const older = tempSqliteStore();
      await generateHistory(older.store, { leads: 30, seed: 3, from, spanDays: 30 });
      await older.store.close();
      for (const suffix of ['', '-wal', '-shm']) {
        const file = join(older.dir, `events.sqlite${suffix}`);
        if (existsSync(file)) copyFileSync(file, join(backup, `events.sqlite${suffix}`));
      }
      // The log grows on after the backup was taken, and the read models follow it.
      const live = new SqliteEventStore({ path: join(older.dir, 'events.sqlite'), pollIntervalMs: 20 });
      await generateHistory(live, { leads: 30, seed: 4, from, spanDays: 30, emailPrefix: 'late' });
      await projectAll({ eventStore: live, readStore: read.store });
      const reached = await headOf(live);
      await live.close();
      await older.dispose();

      const restored = new SqliteEventStore({ path: join(backup, 'events.sqlite'), pollIntervalMs: 20 });
      try {
        expect(await restored.storeId()).toBe((await storeIdsOf(read.store))[0]);
        expect(await headOf(restored)).toBeLessThan(reached);
        const lines: Line[] = [];
        const projector = await projectAll({
          eventStore: restored,
          readStore: read.store,
          logger: recordingLogger(lines),
        });
        await expectBuiltFrom(restored, read.store);
        expect(lines.some((line) => line.level === 'error' && /past the end/.test(line.message))).toBe(true);
        expect(projector.status().mismatch).toMatchObject({
          action: 'rebuilt',
          readModels: expect.arrayContaining([
            expect.objectContaining({ projection: 'pipeline', reason: 'past_the_end' }),
          ]),
        });
      } finally {
        await restored.close();
      }
    } finally {
      rmSync(backup, { recursive: true, force: true });
    }
  }, 30_000);

  it('when told to refuse, are left alone until rebuilt by hand, and the projector says why', async () => {
    const other = tempSqliteStore();
    const before = await dumpAll(read.store);
    const lines: Line[] = [];
    const projector = startProjector({
      ...fast,
      eventStore: other.store,
      readStore: read.store,
      logger: recordingLogger(lines),
      onReadModelMismatch: 'refuse',
    });
    try {
      await generateHistory(other.store, { leads: 20, seed: 2, from, spanDays: 30, emailPrefix: 'other' });
      await eventually('the projector to refuse', async () => projector.status().state === 'refused');
      expect(projector.status().lastError).toMatch(/another event store/);
      expect(projector.status().mismatch).toMatchObject({ action: 'refused' });
      expect(lines.some((line) => line.level === 'error' && /refus/.test(line.message))).toBe(true);
      expect(await dumpAll(read.store)).toEqual(before);
      // It holds no lease while it refuses, so `leadger rebuild` can run; then it goes on from there.
      await rebuildProjections({ eventStore: other.store, readStore: read.store });
      await projector.caughtUp();
      await generateHistory(other.store, { leads: 10, seed: 5, from, spanDays: 30, emailPrefix: 'after' });
      const head = await headOf(other.store);
      await eventually('the projector to follow the log', async () =>
        [...(await read.store.readCheckpoints(names)).values()].every((c) => c?.position === head),
      );
      await projector.stop();
      await expectBuiltFrom(other.store, read.store);
    } finally {
      await projector.stop();
      await other.dispose();
    }
  }, 30_000);
});

describe('an embedded read-model file from before checkpoints kept their log', () => {
  it('is opened, and its read models are rebuilt from the log', async () => {
    const log = tempSqliteStore();
    const dir = mkdtempSync(join(tmpdir(), 'leadger-legacy-'));
    const path = join(dir, 'read-models.sqlite');
    try {
      await generateHistory(log.store, { leads: 20, seed: 6, from, spanDays: 30 });
      const old = new SqliteReadStore({ path });
      await projectAll({ eventStore: log.store, readStore: old });
      await old.close();
      // As such a file was: the checkpoints table without its store_id column.
      const raw = new Database(path);
      raw.exec(`
        CREATE TABLE legacy (
          id TEXT PRIMARY KEY, position TEXT NOT NULL, version INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO legacy SELECT id, position, version FROM checkpoints;
        DROP TABLE checkpoints;
        ALTER TABLE legacy RENAME TO checkpoints;`);
      raw.close();

      const upgraded = new SqliteReadStore({ path });
      try {
        expect(await storeIdsOf(upgraded)).toEqual(names.map(() => null));
        const lines: Line[] = [];
        await projectAll({ eventStore: log.store, readStore: upgraded, logger: recordingLogger(lines) });
        expect(new Set(await storeIdsOf(upgraded))).toEqual(new Set([await log.store.storeId()]));
        await expectBuiltFrom(log.store, upgraded);
        expect(lines.some((line) => /does not say which event store/.test(line.message))).toBe(true);
      } finally {
        await upgraded.close();
      }
    } finally {
      await log.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
