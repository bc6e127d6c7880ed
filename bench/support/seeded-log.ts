import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@leadger/event-store';
import { seedHistory } from '@leadger/seed';
import { tempIdentity } from '../../test/support/temp-identity';
import { progress } from './timing';

const SEED = 7;
const SAMPLE_LEADS = 2000;
/** Seeded logs are kept here between runs (git-ignored): seeding 1M events takes a while. */
const CACHE = join(__dirname, '../.data');

/**
 * A digest of the code that decides what the seeded events are (the generator, the decider, the metadata
 * and hash chain), so a log seeded by older code is never taken for the current one.
 */
function generatorDigest(): string {
  const hash = createHash('sha256');
  for (const lib of ['seed', 'lead-domain', 'lead-application']) {
    const dir = join(__dirname, '../../libs', lib, 'src');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.includes('spec'))
      .sort();
    for (const file of files) hash.update(file).update(readFileSync(join(dir, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

/** How many leads of this seed give about `events` events, from a small sample seeded in memory. */
async function leadsFor(events: number): Promise<number> {
  const sample = new SqliteEventStore({ path: ':memory:' });
  const identity = tempIdentity();
  try {
    const seeded = await seedHistory(sample, identity, { leads: SAMPLE_LEADS, seed: SEED });
    return Math.ceil((events * SAMPLE_LEADS) / seeded.events);
  } finally {
    await sample.close();
    await identity.dispose();
  }
}

/**
 * The path of an embedded event store holding a synthetic year of about `events` events (`leadger seed`'s
 * generator, seed 7), seeded on first use and reused by later runs.
 */
export async function seededLog(events: number): Promise<{ path: string; events: number }> {
  const leads = await leadsFor(events);
  const name = `seed-${SEED}-${leads}-leads-${generatorDigest()}.sqlite`;
  const path = join(CACHE, name);
  if (!existsSync(path)) {
    mkdirSync(CACHE, { recursive: true });
    // Logs of other sizes or older code stay usable by their own runs; a stale one of this size goes.
    for (const old of readdirSync(CACHE).filter((f) => f.startsWith(`seed-${SEED}-${leads}-leads`)))
      rmSync(join(CACHE, old), { force: true });
    const partial = `${path}.partial`;
    rmSync(partial, { force: true });
    const store = new SqliteEventStore({ path: partial });
    // The read-model sections never open personal data: the log's keys are thrown away with this vault.
    const identity = tempIdentity();
    const started = Date.now();
    let reported = 0;
    const seeded = await seedHistory(store, identity, {
      leads,
      seed: SEED,
      workers: 1,
      onProgress: ({ events: done }: { events: number }) => {
        if (done - reported < 100_000) return;
        reported = done;
        progress(
          `seed: ${done.toLocaleString('en-US')} events, ${Math.round(done / ((Date.now() - started) / 1000))}/s`,
        );
      },
    });
    await store.close();
    await identity.dispose();
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
