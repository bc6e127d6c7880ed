import type { Change } from '@leadger/read-store';
import { dayNumber, dayOf, ms } from '../figures';
import { isLeadEvent, leadProjection, type Step } from '../lead-projection';
import type { Projection } from '../projection';
import {
  countField,
  FUNNEL,
  funnelKeys,
  timeField,
  type FunnelCount,
  type FunnelInterval,
  type Origin,
} from './funnel-keys';
import { suspectHandlers } from './suspects.projection';

type Moment = 'lead' | 'mql' | 'handoff' | 'decision' | 'sal' | 'sql' | 'won';

/** What the funnel remembers per lead: its cohort and group, what it has counted, and first times. */
interface FunnelMemo {
  readonly day: string;
  readonly source: string;
  readonly campaign: string | null;
  /** Absent in memos written before origins: marketing's. */
  readonly origin?: Origin;
  readonly counted: readonly FunnelCount[];
  /** Epoch ms of the lead's first capture, mql, handoff, decision on a handoff, sal, sql and win. */
  readonly first: Readonly<Partial<Record<Moment, number>>>;
}

/** A first time to remember and, optionally, the interval it ends (measured from another first time). */
interface Mark {
  readonly moment: Moment;
  readonly ends?: { readonly interval: FunnelInterval; readonly from: Moment };
}

interface LeadFact {
  readonly data: { readonly leadId: string };
  readonly metadata: { readonly occurredAt: string };
}

/**
 * Counts `count` once per lead and records each mark's first time; the first time a mark is reached, the
 * interval it ends is stored for this lead. Later repeats (a re-engaged lead qualifying again) change nothing.
 */
function mark(memo: FunnelMemo | undefined, event: LeadFact, count: FunnelCount | null, ...marks: Mark[]) {
  if (!memo) return {};
  const at = ms(event.metadata.occurredAt);
  const changes: Change[] = [];
  let counted = memo.counted;
  if (count && !counted.includes(count)) {
    counted = [...counted, count];
    const field = countField(memo.source, memo.campaign, count, memo.origin ?? 'marketing');
    changes.push({ op: 'hincr', key: funnelKeys.counts(memo.day), field, by: 1 });
  }
  const first = { ...memo.first };
  for (const { moment, ends } of marks) {
    if (first[moment] !== undefined) continue;
    first[moment] = at;
    const start = ends && first[ends.from];
    if (ends && start !== undefined) {
      const origin = memo.origin ?? 'marketing';
      const field = timeField(memo.source, memo.campaign, ends.interval, event.data.leadId, origin);
      changes.push({ op: 'hset', key: funnelKeys.times(memo.day), field, value: String(at - start) });
    }
  }
  const unchanged = counted === memo.counted && marks.every(({ moment }) => memo.first[moment] !== undefined);
  return unchanged ? {} : { memo: { ...memo, counted, first }, changes };
}

function captured(
  event: LeadFact & { data: { source: string; campaign: string | null; origin: Origin } },
): Step<FunnelMemo> {
  const day = dayOf(event.metadata.occurredAt);
  const { source, campaign, origin } = event.data;
  const memo = { day, source, campaign, origin, counted: [], first: {} };
  const step = mark(memo, event, 'lead', { moment: 'lead' });
  const index: Change = { op: 'zadd', key: funnelKeys.days, member: day, score: dayNumber(day) };
  if (origin !== 'sales') return { memo: step.memo, changes: [index, ...(step.changes ?? [])] };
  // A sales-sourced lead reaches lead and sal at once, never mql: sales found it and took it.
  const sal = mark(step.memo, event, 'sal', { moment: 'sal' });
  return { memo: sal.memo, changes: [index, ...(step.changes ?? []), ...(sal.changes ?? [])] };
}

const decision: Mark = { moment: 'decision', ends: { interval: 'handoffToDecision', from: 'handoff' } };

/**
 * Marketing funnel per capture cohort (UTC day of LeadCaptured's occurredAt), source and campaign: leads
 * that ever reached lead, mql, sal, sql, won; leads ever rejected, lost, disqualified, recycled, re-engaged;
 * and per lead the times lead→mql, first handoff→first accept or reject, sal→sql and sql→won, each from
 * the lead's first entry into the earlier stage to its first entry into the later one.
 */
const leadFunnel = leadProjection<FunnelMemo>({
  name: FUNNEL,
  version: 2,
  handlers: {
    LeadCaptured: (memo, event) => (memo ? {} : captured(event)),
    LeadMarketingQualified: (memo, event) =>
      mark(memo, event, 'mql', { moment: 'mql', ends: { interval: 'leadToMql', from: 'lead' } }),
    LeadHandedOff: (memo, event) => mark(memo, event, null, { moment: 'handoff' }),
    LeadAccepted: (memo, event) => mark(memo, event, 'sal', { moment: 'sal' }, decision),
    LeadRejected: (memo, event) => mark(memo, event, 'rejected', decision),
    LeadQualified: (memo, event) =>
      mark(memo, event, 'sql', { moment: 'sql', ends: { interval: 'salToSql', from: 'sal' } }),
    DealWon: (memo, event) =>
      mark(memo, event, 'won', { moment: 'won', ends: { interval: 'sqlToWon', from: 'sql' } }),
    DealLost: (memo, event) => mark(memo, event, 'lost'),
    LeadDisqualified: (memo, event) => mark(memo, event, 'disqualified'),
    LeadRecycled: (memo, event) => mark(memo, event, 'recycled'),
    LeadReengaged: (memo, event) => mark(memo, event, 'reengaged'),
  },
});

/**
 * The funnel's leads, as above, and its suspects (anonymous visitors before capture), one read model with
 * one checkpoint, so the two halves are always of the same moment. Version 2: every row names its origin.
 */
export const funnelProjection: Projection = {
  ...leadFunnel,
  eventTypes: [...leadFunnel.eventTypes, ...suspectHandlers.eventTypes],
  apply: (view, event) => (isLeadEvent(event) ? leadFunnel.apply(view, event) : suspectHandlers.apply(event)),
};
