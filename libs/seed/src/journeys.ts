import type { EventData } from '@leadger/event-store';
import { SuspectDraft, type DraftedIdentification } from '@leadger/lead-application';
import { Random } from './random';
import type { Run } from './build-leads';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Salts the journey's own random numbers, so a lead's story draws what it drew before journeys existed. */
export const JOURNEY = 0x6a0e;

/**
 * Where lead `n`'s anonymous visitors are stored: streams named through the blind index (by the thread
 * that holds its key), and the key that seals the visitor's link to the lead.
 */
export interface SuspectStreams {
  readonly visitor: { readonly stream: string; readonly key: Buffer } | null;
  readonly stranger: string | null;
}

/** How a seeded lead came to be: found by sales, an anonymous visitor first, or a plain capture. */
export interface Journey {
  /** A rep met them first ("sales first in"): captured at sal, in the rep's name. */
  readonly salesFound: boolean;
  /** The anonymous visitor they were before their capture, stitched to them by it. */
  readonly visitor: string | null;
  /** Another anonymous visitor, around the same time, who never gives an email. */
  readonly stranger: string | null;
}

/** The journey of lead `n` of a run: a pure function of the run and `n`, so every thread agrees on it. */
export function journeyOf(run: Run, n: number): Journey {
  const rng = Random.for(run.seed ^ JOURNEY, n);
  const salesFound = rng.chance(0.12);
  const visitor = !salesFound && rng.chance(0.3);
  const stranger = rng.chance(0.25);
  const id = (kind: string) =>
    `${kind}.${run.seed}.${new Date(run.from).toISOString().slice(0, 10).replace(/-/g, '')}.${run.days}.${n}`;
  return { salesFound, visitor: visitor ? id('ck') : null, stranger: stranger ? id('st') : null };
}

const issuer = (run: string, anonymousId: string, count: number) => ({
  actor: 'svc:web-tracker',
  commandId: `${run}-${anonymousId}-${count}`,
  correlationId: `${run}-${anonymousId}`,
});

/**
 * An anonymous visitor's engagements: one to four, hours apart, over the days before `until` (epoch ms);
 * and, when `leadId` is given, its identification as that lead at `until`.
 */
export function visitorStory(
  rng: Random,
  run: string,
  anonymousId: string,
  stream: string,
  until: number,
  key: Buffer | null,
  leadId: string | null,
): { draft: SuspectDraft; identified: DraftedIdentification | null } {
  const draft = new SuspectDraft(stream, anonymousId, key);
  const source = rng.pick(['ads', 'organic', 'social', 'newsletter']);
  const utm = { source, campaign: rng.pick(['spring-launch', 'q3-webinar', 'brand']) };
  let at = until - rng.between(2 * HOUR, 14 * DAY);
  const visits = rng.int(1, 4);
  let count = 0;
  for (let i = 0; i < visits && at < until; i++) {
    const kind = rng.weighted({ web_visit: 6, content_download: 2, email_click: 1 } as const);
    const data = { anonymousId, kind, scoreDelta: rng.int(1, 8), utm };
    const occurredAt = new Date(Math.round(at)).toISOString();
    draft.apply(
      { type: 'RecordAnonymousEngagement', data, metadata: { occurredAt } },
      issuer(run, anonymousId, count++),
      new Date(Math.round(at) + 1000),
    );
    at += rng.between(HOUR, 2 * DAY);
  }
  if (leadId === null) return { draft, identified: null };
  const occurredAt = new Date(until).toISOString();
  const identify = {
    type: 'IdentifySuspect' as const,
    data: { anonymousId, leadId },
    metadata: { occurredAt },
  };
  const identified = draft.apply(identify, issuer(run, anonymousId, count), new Date(until + 5000));
  return { draft, identified };
}

/** A built suspect stream, appended before the lead it became (if any). */
export interface BuiltSuspect {
  readonly stream: string;
  readonly events: EventData[];
}
