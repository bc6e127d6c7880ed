import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Redis from 'ioredis';
import { SqliteEventStore } from '@leadger/event-store';
import {
  funnel,
  funnelProjection,
  pipeline,
  pipelineProjection,
  replayAsOf,
  type Projection,
} from '@leadger/projections';
import type { ReadStore } from '@leadger/read-store';
import { deletePrefix } from '../test/projections/support/temp-read-stores';
import { startProgram } from '../test/support/processes';
import { compared, type Figure } from './support/figures';
import { seededLog } from './support/seeded-log';
import { tempDir } from './support/temp-dir';
import { perSecond, progress, timed } from './support/timing';

// 3–5. The projector into Redis and into the embedded store (a full rebuild of every read model, each in
// its own process so its peak RSS is its own), against Redis pipelined SETs and a plain read of the log;
// and the funnel and pipeline as of a past date, replayed from the log.

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const PIPELINE_DEPTH = 2000;
const AS_OF = new Date('2025-07-01T00:00:00.000Z');

interface Rebuild {
  readonly events: number;
  readonly ms: number;
  readonly maxRssMb: number;
}

async function rebuildIn(env: Readonly<Record<string, string>>): Promise<Rebuild> {
  const child = startProgram('bench/support/rebuild-child.ts', env);
  const { code } = await child.exited;
  if (code !== 0) throw new Error(`rebuild child exited with ${String(code)}:\n${child.output()}`);
  // Its answer is the last line it writes.
  return JSON.parse(child.output().trim().split('\n').pop() ?? '') as Rebuild;
}

/** `count` SETs of 100-byte values in pipelines of PIPELINE_DEPTH, the fastest way to write Redis. */
async function pipelinedSets(count: number): Promise<number> {
  const redis = new Redis(REDIS_URL);
  const prefix = `bench:${randomUUID()}:`;
  const value = 'x'.repeat(100);
  try {
    const { ms } = await timed(async () => {
      for (let start = 0; start < count; start += PIPELINE_DEPTH) {
        const batch = redis.pipeline();
        for (let i = start; i < Math.min(count, start + PIPELINE_DEPTH); i++)
          batch.set(`${prefix}${i}`, value);
        await batch.exec();
      }
    });
    return perSecond(count, ms);
  } finally {
    redis.disconnect();
    await deletePrefix(REDIS_URL, prefix);
  }
}

/** Every event of the log read and decoded, page by page: the floor under any replay. */
async function plainRead(path: string): Promise<{ events: number; ms: number }> {
  const store = new SqliteEventStore({ path });
  try {
    let events = 0;
    const { ms } = await timed(async () => {
      for (let after = 0n; ;) {
        const page = await store.readAll({ after, maxCount: 5000 });
        if (page.length === 0) break;
        events += page.length;
        after = page[page.length - 1].position;
      }
    });
    return { events, ms };
  } finally {
    await store.close();
  }
}

export async function readModelsBench(options: { events: number }): Promise<Figure[]> {
  const log = await seededLog(options.events);
  const size = `${(log.events / 1e6).toFixed(2)}M events`;
  progress(`read models: plain read of ${size}`);
  const read = await plainRead(log.path);
  const readBaseline = {
    name: 'plain read of the log',
    value: perSecond(read.events, read.ms),
    unit: 'events/s',
  };
  progress(`read models: ${log.events} Redis pipelined SETs`);
  const sets = await pipelinedSets(log.events);

  progress(`read models: rebuild of ${size} into Redis`);
  const prefix = `bench:${randomUUID()}:`;
  let redis: Rebuild;
  try {
    redis = await rebuildIn({
      BENCH_LOG: log.path,
      BENCH_TARGET: 'redis',
      BENCH_REDIS_URL: REDIS_URL,
      BENCH_REDIS_PREFIX: prefix,
    });
  } finally {
    await deletePrefix(REDIS_URL, prefix);
  }
  progress(`read models: rebuild of ${size} into the embedded store`);
  const dir = tempDir('read-models');
  let embedded: Rebuild;
  try {
    embedded = await rebuildIn({
      BENCH_LOG: log.path,
      BENCH_TARGET: 'sqlite',
      BENCH_READ_MODELS: join(dir.path, 'read-models.sqlite'),
    });
  } finally {
    dir.remove();
  }

  // As the API and the CLI answer `asOf`: only the projection the query needs is replayed.
  const eventStore = new SqliteEventStore({ path: log.path });
  const asOfQuery = async (projection: Projection, query: (store: ReadStore) => Promise<unknown>) => {
    const snapshot = await replayAsOf({ eventStore, moment: AS_OF, projections: [projection] });
    try {
      await query(snapshot);
    } finally {
      await snapshot.close();
    }
  };
  progress(`read models: funnel as of ${AS_OF.toISOString().slice(0, 10)} over ${size}`);
  const asOfFunnel = await timed(() =>
    asOfQuery(funnelProjection, (store) => funnel(store, { groupBy: 'source' })),
  );
  progress(`read models: pipeline as of ${AS_OF.toISOString().slice(0, 10)} over ${size}`);
  const asOfPipeline = await timed(() => asOfQuery(pipelineProjection, (store) => pipeline(store)));
  await eventStore.close();

  const readTime = { name: 'plain read of the log', value: read.ms / 1000, unit: 's' };
  const setsBaseline = { name: 'Redis pipelined SET', value: sets, unit: 'writes/s' };
  const rebuildNote = (r: Rebuild) =>
    `${size} in ${(r.ms / 1000).toFixed(1)} s, peak RSS ${Math.round(r.maxRssMb)} MB`;
  return [
    compared(
      'read-models.projector.redis',
      'projector into Redis',
      perSecond(redis.events, redis.ms),
      'events/s',
      setsBaseline,
      {
        minRatio: 0.5,
        notes: rebuildNote(redis),
      },
    ),
    compared(
      'read-models.projector.embedded',
      'projector into the embedded store',
      perSecond(embedded.events, embedded.ms),
      'events/s',
      setsBaseline,
      {
        notes: rebuildNote(embedded),
      },
    ),
    compared(
      'read-models.rebuild.embedded',
      'full rebuild (embedded store), events/s',
      perSecond(embedded.events, embedded.ms),
      'events/s',
      readBaseline,
      {
        target: {
          text: '≥ 40 % of its rate, peak RSS ≤ 500 MB',
          met:
            perSecond(embedded.events, embedded.ms) >= 0.4 * readBaseline.value && embedded.maxRssMb <= 500,
        },
        notes: rebuildNote(embedded),
      },
    ),
    compared('read-models.as-of.funnel', 'as-of funnel', asOfFunnel.ms / 1000, 's', readTime, {
      minRatio: 2,
      notes: `replayed ${size} up to ${AS_OF.toISOString().slice(0, 10)}`,
      lowerIsBetter: true,
    }),
    compared('read-models.as-of.pipeline', 'as-of pipeline', asOfPipeline.ms / 1000, 's', readTime, {
      minRatio: 2,
      notes: `replayed ${size} up to ${AS_OF.toISOString().slice(0, 10)}`,
      lowerIsBetter: true,
    }),
  ];
}
