import type { EventData } from '@leadger/event-store';
import { LeadStory } from './lead-story';
import { Random } from './random';

const DAY = 86_400_000;

/** The run a lead belongs to: lead `n`'s history depends only on these and `n`. */
export interface Run {
  readonly seed: number;
  /** Start of the simulated period, epoch ms. */
  readonly from: number;
  readonly days: number;
}

/** One lead's whole history, ready for one append that creates its stream. */
export interface BuiltLead {
  readonly stream: string;
  readonly events: EventData[];
}

/** Builds the histories of the leads numbered `numbers`, in that order. Pure: no I/O, no clock. */
export function buildLeads(run: Run, numbers: ArrayLike<number>): BuiltLead[] {
  const horizon = run.from + run.days * DAY;
  // e.g. seed-7@20250101+365d: command ids say which run wrote them, and differ between runs.
  const name = `seed-${run.seed}@${new Date(run.from).toISOString().slice(0, 10).replace(/-/g, '')}+${run.days}d`;
  const built: BuiltLead[] = [];
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i];
    const rng = Random.for(run.seed, n);
    // The first number drawn is the capture time; `captureOrder` sorts by it.
    const capturedAt = run.from + Math.floor(rng.next() * run.days * DAY);
    const draft = new LeadStory(rng, { seed: run.seed, run: name, n, capturedAt, horizon }).play();
    built.push({ stream: draft.stream, events: draft.events });
  }
  return built;
}

/** Lead numbers sorted by capture time, so `$all` runs roughly in time order. */
export function captureOrder(seed: number, leads: number): Uint32Array {
  const times = new Float64Array(leads);
  for (let n = 0; n < leads; n++) times[n] = Random.for(seed, n).next();
  const order = new Uint32Array(leads);
  for (let n = 0; n < leads; n++) order[n] = n;
  return order.sort((a, b) => times[a] - times[b] || a - b);
}
