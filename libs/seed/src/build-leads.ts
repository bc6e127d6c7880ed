import type { EventData } from '@leadger/event-store';
import { v5 as uuidv5 } from 'uuid';
import { journeyOf, JOURNEY, visitorStory, type BuiltSuspect, type SuspectStreams } from './journeys';
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
  readonly leadId: string;
  /** The address, for the blind index entry the lead needs before it is appended; never stored in clear. */
  readonly email: string;
  readonly stream: string;
  readonly events: EventData[];
  /** Anonymous visitors' streams: the one the lead was before its capture, and a stranger's. */
  readonly suspects: readonly BuiltSuspect[];
}

/** Names seeded lead ids; a run's lead `n` has the same id every time. */
const SEED_LEAD_NAMESPACE = '9a0f3c2e-7b1d-4e55-8c6a-3d2b1f0e9c47';

/** e.g. seed-7@20250101+365d: command ids say which run wrote them, and differ between runs. */
export function runName(run: Run): string {
  return `seed-${run.seed}@${new Date(run.from).toISOString().slice(0, 10).replace(/-/g, '')}+${run.days}d`;
}

/** The lead id of lead `n` of a run: the same on every run, so seeding again rewrites nothing. */
export function seedLeadId(run: Run, n: number): string {
  return uuidv5(`${runName(run)}/${n}`, SEED_LEAD_NAMESPACE);
}

/**
 * Builds the histories of the leads numbered `numbers`, in that order, sealing each one's personal fields
 * with its data key (`keys[i]` for `numbers[i]`, made by the vault). Pure: no I/O, no clock.
 */
export function buildLeads(
  run: Run,
  numbers: ArrayLike<number>,
  keys: readonly Buffer[],
  suspects: readonly SuspectStreams[],
): BuiltLead[] {
  const horizon = run.from + run.days * DAY;
  const name = runName(run);
  const built: BuiltLead[] = [];
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i];
    const rng = Random.for(run.seed, n);
    // The first number drawn is the capture time; `captureOrder` sorts by it.
    const capturedAt = run.from + Math.floor(rng.next() * run.days * DAY);
    const leadId = seedLeadId(run, n);
    const story = new LeadStory(rng, {
      seed: run.seed,
      run: name,
      n,
      capturedAt,
      horizon,
      leadId,
      key: keys[i],
      journey: journeyOf(run, n),
      visitorStream: suspects[i].visitor,
    });
    const draft = story.play();
    const visitors = [...story.suspects, ...stranger(run, n, suspects[i].stranger, capturedAt, name)];
    built.push({
      leadId,
      email: story.email,
      stream: draft.stream,
      events: draft.events,
      suspects: visitors,
    });
  }
  return built;
}

/** The stranger of lead `n`'s journey, if any: a visitor around its capture who never gives an email. */
function stranger(run: Run, n: number, stream: string | null, near: number, name: string): BuiltSuspect[] {
  const anonymousId = journeyOf(run, n).stranger;
  if (!anonymousId || !stream) return [];
  const rng = Random.for(run.seed ^ JOURNEY ^ 2, n);
  const { draft } = visitorStory(rng, name, anonymousId, stream, near, null, null);
  return [{ stream: draft.stream, events: draft.events }];
}

/** Lead numbers sorted by capture time, so `$all` runs roughly in time order. */
export function captureOrder(seed: number, leads: number): Uint32Array {
  const times = new Float64Array(leads);
  for (let n = 0; n < leads; n++) times[n] = Random.for(seed, n).next();
  const order = new Uint32Array(leads);
  for (let n = 0; n < leads; n++) order[n] = n;
  return order.sort((a, b) => times[a] - times[b] || a - b);
}
