import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@leadger/event-store';
import {
  handleCommand,
  KeyedMutex,
  LeadCache,
  openLeadIdentity,
  type CommandHandlerDeps,
} from '@leadger/lead-application';
import type { LeadCommand } from '@leadger/lead-domain';
import { LeadgerMetrics } from '@leadger/metrics';
import { openDatabase } from '../libs/event-store/src/sqlite/schema';
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

export async function commandsBench(options: { commands: number }): Promise<Figure[]> {
  const dir = tempDir('commands');
  try {
    const store = new SqliteEventStore({ path: join(dir.path, 'events.sqlite') });
    const identity = await openLeadIdentity({ dataDir: dir.path }, store);
    const deps: CommandHandlerDeps = {
      store,
      personalData: identity.personalData,
      clock: () => new Date(),
      newId: randomUUID,
      mutex: new KeyedMutex(),
      cache: new LeadCache(),
    };
    const run = (command: LeadCommand) => handleCommand(deps, command, { actor: 'bench' });

    progress(`commands: ${options.commands} captures, one per lead`);
    const captureOf = async (email: string) =>
      run(capture(await identity.directory.forCapture(email), email));
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
    await store.close();
    await identity.close();

    progress('commands: raw better-sqlite3 inserts of the same rows');
    const raw = rawInserts(join(dir.path, 'events.sqlite'), join(dir.path, 'raw.sqlite'));
    const rawRate = perSecond(raw.rows, raw.ms);
    const baseline = {
      name: 'raw better-sqlite3 insert, one transaction each',
      value: rawRate,
      unit: 'events/s',
    };
    return [
      compared(
        'commands/s, one per lead stream (capture)',
        perSecond(options.commands, single.ms),
        'commands/s',
        baseline,
      ),
      compared(
        `commands/s, hot streams (${HOT_LEADS} leads)`,
        perSecond(options.commands, hot.ms),
        'commands/s',
        baseline,
      ),
      compared(
        `commands/s, hot streams (${HOT_LEADS} leads), metrics observer on`,
        perSecond(options.commands, metered.ms),
        'commands/s',
        { name: 'the same without the observer', value: perSecond(options.commands, hot.ms) },
        { notes: 'what counting commands (leadger_commands_total, the latency histogram) costs' },
      ),
    ];
  } finally {
    dir.remove();
  }
}

/** Copies every event row into a fresh file of the same schema, one autocommit insert per row, timed. */
function rawInserts(source: string, target: string): { rows: number; ms: number } {
  const from = new Database(source, { readonly: true });
  const rows = from
    .prepare(
      'SELECT stream, revision, event_id AS eventId, type, data, metadata, created FROM events ORDER BY position',
    )
    .all();
  from.close();
  const to = openDatabase(target, 'normal');
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
