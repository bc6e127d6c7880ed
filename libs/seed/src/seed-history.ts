import { WrongExpectedRevisionError, type AppendResult, type EventStore } from '@leadger/event-store';
import { LeadStory } from './lead-story';
import { Random } from './random';

const DAY = 86_400_000;

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
export async function seedHistory(store: EventStore, options: SeedOptions): Promise<SeedResult> {
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
  const horizon = from + days * DAY;

  const order = captureOrder(seed, leads);
  let events = 0;
  let lastPosition: bigint | null = null;
  for (let start = 0; start < leads; start += batchSize) {
    const appends: Promise<AppendResult>[] = [];
    for (let i = start; i < Math.min(start + batchSize, leads); i++) {
      const n = order[i];
      const rng = Random.for(seed, n);
      const capturedAt = from + Math.floor(rng.next() * days * DAY);
      const draft = new LeadStory(rng, { seed, n, capturedAt, horizon }).play();
      events += draft.events.length;
      appends.push(store.appendToStream(draft.stream, draft.events, draft.expected));
    }
    // All appends of a batch are handed in before any is awaited: the SQLite store commits them together.
    const settled = await Promise.allSettled(appends);
    for (const outcome of settled) {
      if (outcome.status === 'fulfilled') {
        if (lastPosition === null || outcome.value.position > lastPosition)
          lastPosition = outcome.value.position;
        continue;
      }
      const error: unknown = outcome.reason;
      if (error instanceof WrongExpectedRevisionError)
        throw new SeedConflictError(error.stream, { cause: error });
      throw error;
    }
    options.onProgress?.({ leads: Math.min(start + batchSize, leads), events });
  }
  return { leads, events, lastPosition };
}

/** Lead numbers sorted by capture time (each lead's first random number), so `$all` runs roughly in time order. */
function captureOrder(seed: number, leads: number): Uint32Array {
  const times = new Float64Array(leads);
  for (let n = 0; n < leads; n++) times[n] = Random.for(seed, n).next();
  const order = new Uint32Array(leads);
  for (let n = 0; n < leads; n++) order[n] = n;
  return order.sort((a, b) => times[a] - times[b] || a - b);
}
