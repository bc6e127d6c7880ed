import { WrongExpectedRevisionError, type EventStore } from '@leadger/event-store';
import { leadStream, type LeadIdentity } from '@leadger/lead-application';
import { captureOrder, seedLeadId, type BuiltLead } from './build-leads';
import { inThread, workerThreads } from './builders';
import { journeyOf } from './journeys';

/** Start of the simulated year when none is given: fixed, so a seed always gives the same events. */
export const DEFAULT_SEED_FROM = new Date('2025-01-01T00:00:00.000Z');

export interface SeedOptions {
  /** How many leads; each gets a whole history. */
  readonly leads: number;
  /** Default 1. The same seed gives the same events: ids, times and data. */
  readonly seed?: number;
  /** Default 2025-01-01T00:00Z: when the simulated year starts. */
  readonly from?: Date;
  /** Default 365: how long the simulated period lasts; nothing happens after it. */
  readonly days?: number;
  /** Default 500: leads built in memory and handed to the store at once (one commit on SQLite). */
  readonly batchSize?: number;
  /**
   * Default 0: build in this thread. Worker threads build histories in parallel while this thread appends;
   * they need the built `.js` files or a process started with tools/register-ts.js (not Jest), and fall
   * back to this thread otherwise. The events are the same either way.
   */
  readonly workers?: number;
  /** Called after each batch is stored, with the totals so far. */
  readonly onProgress?: (progress: SeedProgress) => void;
}

export interface SeedProgress {
  readonly leads: number;
  readonly events: number;
}

export interface SeedResult extends SeedProgress {
  /** `$all` position of the last event written, or null when there were no leads. */
  readonly lastPosition: bigint | null;
}

/** A lead of this seed already exists with a different history (another seed, period, or real data). */
export class SeedConflictError extends Error {
  readonly code = 'seed_conflict';

  constructor(
    readonly stream: string,
    options: { cause: unknown },
  ) {
    super(
      `${stream} already exists with other events: seed into an empty store, or use another --seed`,
      options,
    );
    this.name = 'SeedConflictError';
  }
}

/**
 * Writes a synthetic year of lead histories (see rates.ts): leads are captured at random times over the
 * period, each lead's whole history is decided in memory by the real decider, chained like any command's
 * events, and appended in one `no_stream` append; leads are written in capture order. Lead `n` of a seed is
 * the same whatever `leads` is, so seeding again with the same seed rewrites nothing (the appends are
 * idempotent retries) and seeding more leads adds only the new ones.
 */
export async function seedHistory(
  store: EventStore,
  identity: Pick<LeadIdentity, 'personalData' | 'directory'>,
  options: SeedOptions,
): Promise<SeedResult> {
  const { leads } = options;
  const seed = options.seed ?? 1;
  const days = options.days ?? 365;
  const batchSize = options.batchSize ?? 500;
  if (!Number.isSafeInteger(leads) || leads < 0) throw new RangeError(`leads must be a whole number ≥ 0`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number`);
  if (!(days > 0)) throw new RangeError(`days must be above 0`);
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be ≥ 1`);
  const from = (options.from ?? DEFAULT_SEED_FROM).getTime();
  if (Number.isNaN(from)) throw new RangeError('from must be a valid date');
  const run = { seed, from, days };

  const order = captureOrder(seed, leads);
  const chunks: Uint32Array[] = [];
  for (let start = 0; start < leads; start += batchSize)
    chunks.push(order.subarray(start, start + batchSize));
  const builders = workerThreads(run, options.workers ?? 0) ?? inThread(run);
  // Chunks are built ahead (in worker threads, in parallel) but appended strictly in order, so positions
  // come out the same on every run; at most `ahead` chunks wait in memory.
  const ahead = Math.max(2, (options.workers ?? 0) * 2 + 1);
  const building: Promise<BuiltLead[]>[] = [];
  let events = 0;
  let written = 0;
  let lastPosition: bigint | null = null;
  try {
    for (let i = 0; i < chunks.length; i++) {
      while (building.length < ahead && i + building.length < chunks.length) {
        const chunk = chunks[i + building.length];
        const ids = Array.from(chunk, (n) => seedLeadId(run, n));
        // Visitors' streams are named through the blind index here, where its key is.
        const journeys = Array.from(chunk, (n) => journeyOf(run, n));
        const name = (id: string | null) => (id ? identity.directory.suspectStream(id) : null);
        const visitors = journeys.map((journey) => name(journey.visitor));
        const visitorIds = visitors.filter((stream): stream is string => stream !== null);
        building.push(
          identity.personalData.sealingKeys([...ids, ...visitorIds]).then((all) => {
            const visitorKeys = all.slice(ids.length);
            const suspects = journeys.map((journey, i) => {
              const stream = visitors[i];
              return {
                visitor: stream ? { stream, key: visitorKeys.shift()! } : null,
                stranger: name(journey.stranger),
              };
            });
            return builders.build(chunk, all.slice(0, ids.length), suspects);
          }),
        );
      }
      const built = await building.shift()!;
      await indexAll(identity, built);
      const position = await appendAll(store, built);
      if (position !== null && (lastPosition === null || position > lastPosition)) lastPosition = position;
      events += built.reduce(
        (sum, lead) => sum + lead.events.length + lead.suspects.reduce((n, s) => n + s.events.length, 0),
        0,
      );
      written += built.length;
      options.onProgress?.({ leads: written, events });
    }
  } finally {
    // Chunks built ahead of a failure are dropped; none of them was appended.
    await Promise.allSettled(building);
    await builders.close();
  }
  return { leads, events, lastPosition };
}

/** Names each lead as the one of its address in the blind index; an address already another lead's is a conflict. */
async function indexAll(
  identity: Pick<LeadIdentity, 'directory'>,
  built: readonly BuiltLead[],
): Promise<void> {
  for (const lead of built) {
    const claimed = await identity.directory.forCapture(lead.email, lead.leadId);
    if (claimed !== lead.leadId)
      throw new SeedConflictError(leadStream(claimed), {
        cause: new Error(`${lead.email} is another lead's`),
      });
  }
}

/**
 * Hands every lead of a chunk to the store before awaiting any: the SQLite store commits them together.
 * A lead's anonymous visitors go first, as a capture identifies a visitor before it stitches it.
 */
async function appendAll(store: EventStore, built: readonly BuiltLead[]): Promise<bigint | null> {
  const streams = built.flatMap((lead) => [...lead.suspects, lead]);
  const settled = await Promise.allSettled(
    streams.map((stream) => store.appendToStream(stream.stream, stream.events, 'no_stream')),
  );
  let last: bigint | null = null;
  for (const outcome of settled) {
    if (outcome.status === 'rejected') {
      const error: unknown = outcome.reason;
      if (error instanceof WrongExpectedRevisionError)
        throw new SeedConflictError(error.stream, { cause: error });
      throw error;
    }
    if (last === null || outcome.value.position > last) last = outcome.value.position;
  }
  return last;
}
