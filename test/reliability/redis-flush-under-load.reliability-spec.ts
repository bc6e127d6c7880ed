import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { allProjections } from '@leadger/projections';
import { RedisReadStore } from '@leadger/read-store';
import { eventStoreOf, send } from '../support/lead-api';
import { startTestApp, type TestApp } from '../support/test-app';
import { allEvents, dumpAll, eventually } from '../projections/support/read-models';
import { REDIS_URL } from '../projections/support/temp-read-stores';
import { logDisagreements, rebuiltDumps, unexpectedAnswers } from './support/log-check';
import { mode, seedFrom, sizes } from './support/mode';
import { WORKER_MAIN, startProgram, type Program } from '../support/processes';
import { isSuccess, runWorkload } from './support/workload';

// The production shape on Redis: the API (in this process, LEADGER_PROJECTOR=off) takes concurrent
// commands while the projector worker (apps/worker, a child process) keeps the read models in Redis.
// Redis here keeps nothing on disk, so a restart comes back empty: FLUSHDB stands in for it, twice, in the
// middle of the load, while read-model queries keep coming. The worker must notice each time that its
// checkpoints vanished, rebuild from the start, and end with read models equal to a fresh rebuild.
//
// This suite owns DB index 12 of the shared Redis (test/projections/redis-flush.int-spec.ts owns 13), so
// flushing it touches nobody else's keys.

const DB = 12;
const url = `${REDIS_URL.replace(/\/\d+$/, '')}/${DB}`;
const CONCURRENCY = 16;
const SEED = seedFrom('LEADGER_RELIABILITY_SEED', 11);
/** Flush once these shares of the commands have been acknowledged. */
const FLUSH_AFTER = [1 / 3, 2 / 3];
const QUERIES = [
  '/funnel?groupBy=source',
  '/pipeline',
  '/nurture?limit=20',
  '/handoffs?limit=20',
  '/handoffs/summary',
];

const names = allProjections.map((projection) => projection.name);

interface LogLine {
  readonly time: string;
  readonly msg: string;
}

describe(`Redis flushed twice during ${sizes.flushCommands} concurrent commands (${mode})`, () => {
  const prefix = `reliability:${randomUUID()}:`;
  const admin = new Redis(url);
  let dir: string;
  let api: TestApp;
  let worker: Program | undefined;

  beforeAll(async () => {
    await admin.flushdb();
    dir = mkdtempSync(join(tmpdir(), 'leadger-redis-flush-'));
    api = await startTestApp(dir, { REDIS_URL: url, LEADGER_REDIS_PREFIX: prefix, LEADGER_PROJECTOR: 'off' });
  });

  afterAll(async () => {
    if (worker && worker.child.exitCode === null && worker.child.signalCode === null) {
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    await api.dispose();
    await admin.flushdb();
    admin.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the projector worker rebuilds after each flush and ends equal to a fresh rebuild', async () => {
    const started = Date.now();
    worker = startProgram(WORKER_MAIN, {
      LEADGER_DATA_DIR: dir,
      LEADGER_EVENTSTORE: '',
      EVENTSTORE_URL: '',
      DATABASE_URL: '',
      REDIS_URL: url,
      LEADGER_REDIS_PREFIX: prefix,
      LEADGER_PROJECTOR_BATCH: '200',
      LEADGER_PROJECTOR_LEASE_MS: '1000',
      LOG_LEVEL: 'info',
    });
    const log = (): LogLine[] =>
      worker!
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as LogLine);
    const rebuildsSince = (moment: number) =>
      log().filter(
        (line) => line.msg === 'building read model from the start' && Date.parse(line.time) >= moment,
      ).length;

    // Read-model queries all through the load: a flushed or half-rebuilt Redis must still answer.
    let loading = true;
    const queryStatuses = new Map<string, number>();
    const queries = (async () => {
      for (let index = 0; loading; index++) {
        const reply = await send(api.app, { method: 'GET', url: QUERIES[index % QUERIES.length] });
        const key = `${QUERIES[index % QUERIES.length]} → ${reply.statusCode}`;
        queryStatuses.set(key, (queryStatuses.get(key) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();

    const flushes: number[] = [];
    let flushing: Promise<unknown> = Promise.resolve();
    let acknowledged = 0;
    const ledger = await runWorkload({
      commands: sizes.flushCommands,
      concurrency: CONCURRENCY,
      seed: SEED,
      prefix: 'flush',
      send: async (request) => {
        const reply = await send(api.app, {
          method: 'POST',
          url: request.path,
          payload: request.body,
          headers: { 'idempotency-key': request.key },
        });
        return { status: reply.statusCode, body: reply.json() };
      },
      onAnswer: (command) => {
        if (!isSuccess(command.answers.at(-1)!)) return;
        acknowledged++;
        const due =
          flushes.length < FLUSH_AFTER.length &&
          acknowledged >= sizes.flushCommands * FLUSH_AFTER[flushes.length];
        // The second flush only once the worker has started over after the first, so each is noticed.
        const noticed = flushes.length === 0 || rebuildsSince(flushes.at(-1)!) >= names.length;
        if (due && noticed) {
          flushes.push(Date.now());
          flushing = admin.flushdb();
        }
      },
    });
    await flushing;
    loading = false;
    await queries;
    const loadDone = Date.now();

    expect(flushes).toHaveLength(FLUSH_AFTER.length);
    expect(unexpectedAnswers(ledger)).toEqual([]);

    const eventStore = eventStoreOf(api.app);
    const head = await eventStore.headPosition();
    const readStore = new RedisReadStore({ url, keyPrefix: prefix });
    try {
      await eventually(
        'the worker to bring every read model to the head of the log',
        async () => {
          const checkpoints = await readStore.readCheckpoints(names);
          return names.every((name) => checkpoints.get(name)?.position === head);
        },
        60_000,
      );
      // Built from nothing at the start, and again after each flush: every projection each time.
      const rebuilt = [started, ...flushes].map((moment, index, moments) => {
        const until = moments[index + 1] ?? Infinity;
        return log().filter(
          (line) =>
            line.msg === 'building read model from the start' &&
            Date.parse(line.time) >= moment &&
            Date.parse(line.time) < until,
        ).length;
      });
      expect(rebuilt.every((count) => count >= names.length)).toBe(true);
      // Every query answered, flushed Redis or not.
      expect([...queryStatuses.keys()].filter((key) => !key.endsWith('→ 200'))).toEqual([]);

      const events = await allEvents(eventStore);
      expect(logDisagreements(events, ledger)).toEqual([]);
      expect(await dumpAll(readStore)).toEqual(await rebuiltDumps(eventStore));

      worker.child.kill('SIGTERM');
      expect(await worker.exited).toEqual({ code: 0, signal: null });
      const queriesSent = [...queryStatuses.values()].reduce((sum, count) => sum + count, 0);
      console.log(
        `redis-flush (${mode}, seed ${SEED}): ${ledger.length} commands, ${events.length} events, ` +
          `${queriesSent} queries; flushed after ${FLUSH_AFTER.map((share) => Math.round(share * 100)).join(' and ')} % ` +
          `of the acknowledgements; rebuilds from the start per phase [${rebuilt.join(', ')}]; ` +
          `load ${((loadDone - started) / 1000).toFixed(1)} s, total ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    } finally {
      await readStore.close();
    }
  }, 600_000);
});
