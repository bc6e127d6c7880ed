import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@leadger/event-store';
import { handleCommand, openLeadIdentity } from '@leadger/lead-application';
import type { LeadCommand } from '@leadger/lead-domain';
import { LeadgerMetrics } from '@leadger/metrics';
import { openDatabase } from '../libs/event-store/src/sqlite/schema';
import { commandDeps } from '../test/support/command-deps';
import { compared, type Figure } from './support/figures';
import { tempDir } from './support/temp-dir';
import { perSecond, pool, progress, timed } from './support/timing';

// 1. In-process command throughput on the embedded store (find the lead through the blind index, load, fold,
// decide, seal personal data, hash, append), 50 commands in flight as an HTTP server would have, against raw
// better-sqlite3 inserts of the very same event rows.

const CONCURRENCY = 50;
const HOT_LEADS = 10;

const at = () => new Date().toISOString();
const capture = (leadId: string, email: string): LeadCommand => ({
  type: 'CaptureLead',
  data: { leadId, email, source: 'bench', campaign: 'q3' },
  metadata: { occurredAt: at() },
});
const engagement = (leadId: string): LeadCommand => ({
  type: 'RecordEngagement',
  data: { leadId, kind: 'web_visit', scoreDelta: 1 },
  metadata: { occurredAt: at() },
});

/** The command path on the embedded stores in `dir`, as the API builds it. */
async function commandPath(dir: string, synchronous: 'normal' | 'full') {
  // As the programs open it (createEventStore): WAL checkpoints in a thread of their own.
  const store = new SqliteEventStore({
    path: join(dir, 'events.sqlite'),
    synchronous,
    backgroundCheckpoints: true,
  });
  const identity = await openLeadIdentity({ dataDir: dir, sqliteSynchronous: synchronous }, store);
  const deps = commandDeps(store, identity.personalData);
  return {
    identity,
    deps,
    run: (command: LeadCommand) => handleCommand(deps, command, { actor: 'bench' }),
    captureOf: async (email: string) =>
      handleCommand(deps, capture(await identity.directory.forCapture(email), email), { actor: 'bench' }),
    close: async () => {
      await store.close();
      await identity.close();
    },
  };
}

export async function commandsBench(options: { commands: number }): Promise<Figure[]> {
  const dir = tempDir('commands');
  try {
    const { identity, deps, run, captureOf, close } = await commandPath(dir.path, 'normal');

    progress(`commands: ${options.commands} captures, one per lead`);
    const single = await timed(() =>
      pool(options.commands, CONCURRENCY, (i) => captureOf(`c${i}@bench.test`)),
    );
    const hotIds = await Promise.all(
      Array.from({ length: HOT_LEADS }, (_, i) => identity.directory.forCapture(`c${i}@bench.test`)),
    );
    progress(`commands: ${options.commands} engagements on ${HOT_LEADS} hot leads`);
    const hot = await timed(() =>
      pool(options.commands, CONCURRENCY, (i) => run(engagement(hotIds[i % HOT_LEADS]))),
    );
    // The same load with the metrics observer every program installs: what counting a command costs.
    progress(
      `commands: ${options.commands} engagements on ${HOT_LEADS} hot leads, with the metrics observer`,
    );
    const observed = { ...deps, observer: new LeadgerMetrics().commands };
    const metered = await timed(() =>
      pool(options.commands, CONCURRENCY, (i) =>
        handleCommand(observed, engagement(hotIds[i % HOT_LEADS]), { actor: 'bench' }),
      ),
    );
    await close();

    progress('commands: raw better-sqlite3 inserts of the same rows');
    const raw = rawInserts(join(dir.path, 'events.sqlite'), join(dir.path, 'raw.sqlite'), 'normal');
    const rawRate = perSecond(raw.rows, raw.ms);
    const durable = await durableMode(options.commands / 4);
    const baseline = {
      name: 'raw better-sqlite3 insert, one transaction each',
      value: rawRate,
      unit: 'events/s',
    };
    return [
      compared(
        'commands.capture',
        'commands/s, one per lead stream (capture)',
        perSecond(options.commands, single.ms),
        'commands/s',
        baseline,
        { minRatio: 0.6 },
      ),
      compared(
        'commands.hot',
        `commands/s, hot streams (${HOT_LEADS} leads)`,
        perSecond(options.commands, hot.ms),
        'commands/s',
        baseline,
        { minRatio: 0.6 },
      ),
      compared(
        'commands.hot.metrics-observer',
        `commands/s, hot streams (${HOT_LEADS} leads), metrics observer on`,
        perSecond(options.commands, metered.ms),
        'commands/s',
        { name: 'the same without the observer', value: perSecond(options.commands, hot.ms) },
        { notes: 'what counting commands (leadger_commands_total, the latency histogram) costs' },
      ),
      ...durable,
    ];
  } finally {
    dir.remove();
  }
}

/**
 * LEADGER_SQLITE_SYNC=full: every commit waits for fsync, so a command acknowledged survives a power cut.
 * Captures and engagements from 50 concurrent callers against raw inserts of the same rows at
 * `synchronous = FULL`, one per transaction: one fsync each, which group commit must beat by sharing it.
 */
async function durableMode(commands: number): Promise<Figure[]> {
  const dir = tempDir('durable');
  try {
    const { run, captureOf, identity, close } = await commandPath(dir.path, 'full');
    progress(`commands: ${commands} captures, LEADGER_SQLITE_SYNC=full, ${CONCURRENCY} callers`);
    const captures = await timed(() => pool(commands, CONCURRENCY, (i) => captureOf(`d${i}@bench.test`)));
    const hotIds = await Promise.all(
      Array.from({ length: HOT_LEADS }, (_, i) => identity.directory.forCapture(`d${i}@bench.test`)),
    );
    progress(`commands: ${commands} engagements on ${HOT_LEADS} hot leads, LEADGER_SQLITE_SYNC=full`);
    const engagements = await timed(() =>
      pool(commands, CONCURRENCY, (i) => run(engagement(hotIds[i % HOT_LEADS]))),
    );
    await close();
    progress('commands: raw better-sqlite3 inserts of the same rows, synchronous = FULL');
    const raw = rawInserts(join(dir.path, 'events.sqlite'), join(dir.path, 'raw.sqlite'), 'full', commands);
    const baseline = {
      name: 'raw better-sqlite3 insert, synchronous = FULL, one transaction each',
      value: perSecond(raw.rows, raw.ms),
      unit: 'events/s',
    };
    return [
      compared(
        'durable.capture',
        `commands/s, LEADGER_SQLITE_SYNC=full, ${CONCURRENCY} callers, one per lead stream (capture)`,
        perSecond(commands, captures.ms),
        'commands/s',
        baseline,
        { minRatio: 3 },
      ),
      compared(
        'durable.hot',
        `commands/s, LEADGER_SQLITE_SYNC=full, ${CONCURRENCY} callers, hot streams (${HOT_LEADS} leads)`,
        perSecond(commands, engagements.ms),
        'commands/s',
        baseline,
        { minRatio: 3 },
      ),
    ];
  } finally {
    dir.remove();
  }
}

/**
 * Copies the first `limit` event rows into a fresh file of the same schema, one autocommit insert per row,
 * timed.
 */
function rawInserts(
  source: string,
  target: string,
  synchronous: 'normal' | 'full',
  limit = Number.MAX_SAFE_INTEGER,
): { rows: number; ms: number } {
  const from = new Database(source, { readonly: true });
  const rows = from
    .prepare(
      'SELECT stream, revision, event_id AS eventId, type, data, metadata, created FROM events ORDER BY position LIMIT ?',
    )
    .all(limit);
  from.close();
  const to = openDatabase(target, synchronous);
  const insert = to.prepare(
    `INSERT INTO events (stream, revision, event_id, type, data, metadata, created)
     VALUES (@stream, @revision, @eventId, @type, @data, @metadata, @created)`,
  );
  const start = process.hrtime.bigint();
  for (const row of rows) insert.run(row);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  to.close();
  return { rows: rows.length, ms };
}
