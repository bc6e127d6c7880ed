import type { OpportunityStage } from '@leadger/lead-domain';
import type { Change } from '@leadger/read-store';
import { cents, dayNumber, dayOf, ms } from '../figures';
import { leadProjection, type Step } from '../lead-projection';
import { openField, PIPELINE, pipelineKeys, type ClosedDeal } from './pipeline-keys';

interface OpenDeal {
  readonly owner: string;
  readonly stage: OpportunityStage;
  readonly amountCents: number;
}

/** The lead's open deal, if any, and when it was last qualified (the start of its sales cycle). */
interface PipelineMemo {
  readonly open: OpenDeal | null;
  readonly qualifiedAt: number | null;
}

const none: PipelineMemo = { open: null, qualifiedAt: null };

/** Adds (sign 1) or takes away (sign -1) one open deal from the running sums. */
function sums(deal: OpenDeal, sign: 1 | -1): Change[] {
  const { owner, stage, amountCents } = deal;
  return [
    { op: 'hincr', key: pipelineKeys.open, field: openField(owner, stage, 'count'), by: sign },
    { op: 'hincr', key: pipelineKeys.open, field: openField(owner, stage, 'amount'), by: sign * amountCents },
  ];
}

/** The open deal becomes `next` (or closes, for null). */
function move(
  memo: PipelineMemo,
  next: OpenDeal | null,
  extra: Partial<PipelineMemo> = {},
): Step<PipelineMemo> {
  const changes = [...(memo.open ? sums(memo.open, -1) : []), ...(next ? sums(next, 1) : [])];
  return { memo: { ...memo, ...extra, open: next }, changes };
}

function close(memo: PipelineMemo, deal: Omit<ClosedDeal, 'cycleMs'>, position: bigint): Step<PipelineMemo> {
  const day = dayOf(deal.closedAt);
  const cycleMs = memo.qualifiedAt === null ? null : ms(deal.closedAt) - memo.qualifiedAt;
  const row: ClosedDeal = { ...deal, cycleMs };
  const step = move(memo, null);
  return {
    memo: step.memo,
    changes: [
      ...(step.changes ?? []),
      { op: 'zadd', key: pipelineKeys.closedDays, member: day, score: dayNumber(day) },
      { op: 'hset', key: pipelineKeys.closed(day), field: String(position), value: JSON.stringify(row) },
    ],
  };
}

/**
 * Sales pipeline: open deals (sql leads) summed by owner and opportunity stage, and one row per won or
 * lost deal with its owner, amount, stage, reason and sales cycle. Money is kept in cents.
 */
export const pipelineProjection = leadProjection<PipelineMemo>({
  name: PIPELINE,
  version: 1,
  handlers: {
    LeadQualified: (memo = none, event) => {
      const deal = {
        owner: event.data.owner,
        stage: 'prospecting',
        amountCents: cents(event.data.amount),
      } as const;
      return move(memo, deal, { qualifiedAt: ms(event.metadata.occurredAt) });
    },
    OpportunityStageChanged: (memo = none, event) =>
      memo.open
        ? move(memo, { ...memo.open, stage: event.data.to, amountCents: cents(event.data.amount) })
        : {},
    LeadReassigned: (memo = none, event) =>
      memo.open ? move(memo, { ...memo.open, owner: event.data.toOwner }) : {},
    DealReopened: (memo = none, event) => {
      const { owner, toStage, amount } = event.data;
      return move(memo, { owner, stage: toStage, amountCents: cents(amount) });
    },
    DealWon: (memo = none, event) => {
      const { leadId, owner, amount, fromStage } = event.data;
      const deal = { leadId, outcome: 'won', owner, amountCents: cents(amount), stage: fromStage } as const;
      const row = { ...deal, reason: null, competitor: null, closedAt: event.metadata.occurredAt };
      return close(memo, row, event.position);
    },
    DealLost: (memo = none, event) => {
      const { leadId, owner, amount, lostFromStage, reason, competitor } = event.data;
      const deal = {
        leadId,
        outcome: 'lost',
        owner,
        amountCents: cents(amount),
        stage: lostFromStage,
      } as const;
      return close(
        memo,
        { ...deal, reason, competitor, closedAt: event.metadata.occurredAt },
        event.position,
      );
    },
  },
});
