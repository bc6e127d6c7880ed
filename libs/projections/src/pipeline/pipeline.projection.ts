import type { LeadOrigin, OpportunityKind, OpportunityStage } from '@leadger/lead-domain';
import type { Change } from '@leadger/read-store';
import { cents, dayNumber, dayOf, ms } from '../figures';
import { leadProjection, type Step } from '../lead-projection';
import {
  dealId,
  openField,
  PIPELINE,
  pipelineKeys,
  segmentField,
  segmentOf,
  type ClosedDeal,
  type ReopenedDeal,
} from './pipeline-keys';

interface OpenDeal {
  readonly kind: OpportunityKind;
  readonly owner: string;
  readonly stage: OpportunityStage;
  readonly amountCents: number;
}

/**
 * What the pipeline remembers of a lead: its open deal, if any; how many deals it has had (the latest is
 * the current one); when that deal was opened (the start of its sales cycle); and the days under which
 * the current deal's close and reopen rows are filed, so that a reopen or a second close can move them.
 */
interface PipelineMemo {
  /** Who found the lead; leads captured before origins were kept are marketing's. */
  readonly origin: LeadOrigin;
  readonly open: OpenDeal | null;
  readonly qualifiedAt: number | null;
  readonly opportunity: number;
  readonly closedDay: string | null;
  readonly reopenedDay: string | null;
}

const none: PipelineMemo = {
  origin: 'marketing',
  open: null,
  qualifiedAt: null,
  opportunity: 0,
  closedDay: null,
  reopenedDay: null,
};

/**
 * Adds (sign 1) or takes away (sign -1) one open deal from the running sums, in all and in its origin and
 * segment.
 */
function sums(origin: LeadOrigin, deal: OpenDeal, sign: 1 | -1): Change[] {
  const { owner, stage, amountCents } = deal;
  const segment = segmentOf(deal.kind);
  const bySegment = pipelineKeys.openBySegment;
  return [
    { op: 'hincr', key: pipelineKeys.open, field: openField(owner, stage, 'count'), by: sign },
    { op: 'hincr', key: pipelineKeys.open, field: openField(owner, stage, 'amount'), by: sign * amountCents },
    { op: 'hincr', key: bySegment, field: segmentField(origin, segment, owner, stage, 'count'), by: sign },
    {
      op: 'hincr',
      key: bySegment,
      field: segmentField(origin, segment, owner, stage, 'amount'),
      by: sign * amountCents,
    },
  ];
}

/** A new opportunity opens at prospecting: a new deal, its sales cycle starting now. */
function open(memo: PipelineMemo, deal: OpenDeal, at: string): Step<PipelineMemo> {
  const opened = { qualifiedAt: ms(at), opportunity: memo.opportunity + 1 };
  return move(memo, deal, { ...opened, closedDay: null, reopenedDay: null });
}

/** The open deal becomes `next` (or closes, for null). */
function move(
  memo: PipelineMemo,
  next: OpenDeal | null,
  extra: Partial<PipelineMemo> = {},
): Step<PipelineMemo> {
  const changes = [
    ...(memo.open ? sums(memo.origin, memo.open, -1) : []),
    ...(next ? sums(memo.origin, next, 1) : []),
  ];
  return { memo: { ...memo, ...extra, open: next }, changes };
}

/** A row filed under its day: the day listed in `days`, the row in that day's hash. */
function file(days: string, key: (day: string) => string, day: string, id: string, row: object): Change[] {
  return [
    { op: 'zadd', key: days, member: day, score: dayNumber(day) },
    { op: 'hset', key: key(day), field: id, value: JSON.stringify(row) },
  ];
}

/** The current deal closes; a reopen took any earlier close of it away, so this row is its only one. */
function close(
  memo: PipelineMemo,
  deal: Omit<ClosedDeal, 'cycleMs' | 'dealId' | 'origin'>,
): Step<PipelineMemo> {
  const day = dayOf(deal.closedAt);
  const id = dealId(deal.leadId, memo.opportunity);
  const cycleMs = memo.qualifiedAt === null ? null : ms(deal.closedAt) - memo.qualifiedAt;
  const step = move(memo, null, { closedDay: day });
  return {
    memo: step.memo,
    changes: [
      ...(step.changes ?? []),
      ...file(pipelineKeys.closedDays, pipelineKeys.closed, day, id, {
        ...deal,
        origin: memo.origin,
        dealId: id,
        cycleMs,
      }),
    ],
  };
}

/** Removes the deal's row filed under `day`, if there is one. */
function unfile(key: (day: string) => string, day: string | null, id: string): Change[] {
  return day === null ? [] : [{ op: 'hdel', key: key(day), field: id }];
}

/**
 * Sales pipeline: open deals (sql leads) summed by owner and opportunity stage, in all and per origin and
 * segment (new business, expansion), and one row per deal that is closed now, by its current outcome (won
 * or lost) with its origin, owner, amount, stage, reason and sales cycle. A reopened deal leaves the closed rows and is filed under the reopened ones; a deal lost twice is
 * one lost deal. Money is kept in cents.
 */
export const pipelineProjection = leadProjection<PipelineMemo>({
  name: PIPELINE,
  // 4: every open sum and closed row names the lead's origin.
  version: 4,
  handlers: {
    LeadCaptured: (memo, event) => (memo ? {} : { memo: { ...none, origin: event.data.origin } }),
    LeadQualified: (memo = none, event) => {
      const { owner, amount } = event.data;
      const deal = { kind: 'new_business', owner, stage: 'prospecting', amountCents: cents(amount) } as const;
      return open(memo, deal, event.metadata.occurredAt);
    },
    OpportunityOpened: (memo = none, event) => {
      const { kind, owner, amount } = event.data;
      const deal = { kind, owner, stage: 'prospecting', amountCents: cents(amount) } as const;
      return open(memo, deal, event.metadata.occurredAt);
    },
    OpportunityStageChanged: (memo = none, event) =>
      memo.open
        ? move(memo, { ...memo.open, stage: event.data.to, amountCents: cents(event.data.amount) })
        : {},
    LeadReassigned: (memo = none, event) =>
      memo.open ? move(memo, { ...memo.open, owner: event.data.toOwner }) : {},
    DealReopened: (memo = none, event) => {
      const { leadId, owner, toStage, amount, opportunityId } = event.data;
      const deal = { kind: 'new_business', owner, stage: toStage, amountCents: cents(amount) } as const;
      const id = dealId(leadId, memo.opportunity);
      const day = dayOf(event.metadata.occurredAt);
      const reopenedAt = event.metadata.occurredAt;
      const row: ReopenedDeal = {
        dealId: id,
        leadId,
        opportunityId,
        ...deal,
        origin: memo.origin,
        reopenedAt,
      };
      const step = move(memo, deal, { closedDay: null, reopenedDay: day });
      const stale = [
        ...unfile(pipelineKeys.closed, memo.closedDay, id),
        ...unfile(pipelineKeys.reopened, memo.reopenedDay, id),
      ];
      return {
        memo: step.memo,
        changes: [
          ...(step.changes ?? []),
          ...stale,
          ...file(pipelineKeys.reopenedDays, pipelineKeys.reopened, day, id, row),
        ],
      };
    },
    DealWon: (memo = none, event) => {
      const { leadId, opportunityId, kind, owner, amount, fromStage } = event.data;
      const deal = {
        leadId,
        opportunityId,
        kind,
        outcome: 'won',
        owner,
        amountCents: cents(amount),
        stage: fromStage,
      } as const;
      return close(memo, { ...deal, reason: null, competitor: null, closedAt: event.metadata.occurredAt });
    },
    DealLost: (memo = none, event) => {
      const { leadId, opportunityId, kind, owner, amount, lostFromStage, reason, competitor } = event.data;
      const deal = {
        leadId,
        opportunityId,
        kind,
        outcome: 'lost',
        owner,
        amountCents: cents(amount),
        stage: lostFromStage,
      } as const;
      return close(memo, { ...deal, reason, competitor, closedAt: event.metadata.occurredAt });
    },
  },
});
