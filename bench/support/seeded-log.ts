import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@leadger/event-store';
import { seedHistory } from '@leadger/seed';
import { progress } from './timing';

const SEED = 7;
const SAMPLE_LEADS = 2000;
/** Seeded logs are kept here between runs (git-ignored): seeding 1M events takes a while. */
const CACHE = join(__dirname, '../.data');

/** How many leads of this seed give about `events` events, from a small sample seeded in memory. */
async function leadsFor(events: number): Promise<number> {
  const sample = new SqliteEventStore({ path: ':memory:' });
  try {
    const seeded = await seedHistory(sample, { leads: SAMPLE_LEADS, seed: SEED });
    return Math.ceil((events * SAMPLE_LEADS) / seeded.events);
  } finally {
    await sample.close();
  }
}

/**
 * The path of an embedded event store holding a synthetic year of about `events` events (`leadger seed`'s
 * generator, seed 7), seeded on first use and reused by later runs.
 */
export async function seededLog(events: number): Promise<{ path: string; events: number }> {
  const leads = await leadsFor(events);
  const path = join(CACHE, `seed-${SEED}-${leads}-leads.sqlite`);
  if (!existsSync(path)) {
    mkdirSync(CACHE, { recursive: true });
    const partial = `${path}.partial`;
    rmSync(partial, { force: true });
    const store = new SqliteEventStore({ path: partial });
    const started = Date.now();
    let reported = 0;
    const seeded = await seedHistory(store, {
      leads,
      seed: SEED,
      workers: 1,
      onProgress: ({ events: done }) => {
        if (done - reported < 100_000) return;
        reported = done;
        progress(
          `seed: ${done.toLocaleString('en-US')} events, ${Math.round(done / ((Date.now() - started) / 1000))}/s`,
        );
      },
    });
    await store.close();
    renameSync(partial, path);
    progress(
      `seed: ${seeded.events} events of ${leads} leads in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  const store = new SqliteEventStore({ path });
  try {
    return { path, events: Number(await store.headPosition()) };
  } finally {
    await store.close();
  }
}
