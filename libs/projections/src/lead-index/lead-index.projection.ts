import { evolve, leadEventTypes, type LeadEvent } from '@leadger/lead-domain';
import type { Change } from '@leadger/read-store';
import { ms } from '../figures';
import { leadProjection, type LeadHandlers, type Step } from '../lead-projection';
import type { ProjectedEventOf } from '../projection';
import { LEAD_INDEX, leadIndexKeys, ownerOf, type LeadIndexMemo } from './lead-index-keys';

/** The score as people see it (`LeadDetails`): engagements add to it, the MQL decision sets it. */
function scoreAfter(memo: LeadIndexMemo, event: LeadEvent): number {
  if (event.type === 'EngagementRecorded') return memo.score + event.data.scoreDelta;
  // A stitched visitor's score comes along with it, as the lead's details count it.
  if (event.type === 'SuspectStitched') return memo.score + event.data.score;
  if (event.type === 'LeadMarketingQualified' && memo.state.stage === 'lead') return event.data.score;
  return memo.score;
}

function captured(event: ProjectedEventOf<'LeadCaptured'>): LeadIndexMemo | null {
  const state = evolve({ stage: 'none' }, event);
  if (state.stage === 'none') return null;
  const { source, campaign } = event.data;
  return { state, source, campaign, capturedAt: event.metadata.occurredAt, score: 0, events: 1 };
}

/** Moves the lead between the owner and stage sets when the event changed them. */
function regroup(leadId: string, before: LeadIndexMemo | undefined, after: LeadIndexMemo): Change[] {
  const score = ms(after.capturedAt);
  const changes: Change[] = [];
  const move = (from: string | undefined, to: string | undefined) => {
    if (from === to) return;
    if (from !== undefined) changes.push({ op: 'zrem', key: from, member: leadId });
    if (to !== undefined) changes.push({ op: 'zadd', key: to, member: leadId, score });
  };
  const ownerKey = (memo: LeadIndexMemo | undefined) => {
    const owner = memo && ownerOf(memo.state);
    return owner ? leadIndexKeys.owner(owner) : undefined;
  };
  move(ownerKey(before), ownerKey(after));
  move(before && leadIndexKeys.stage(before.state.stage), leadIndexKeys.stage(after.state.stage));
  if (!before)
    changes.push(
      { op: 'zadd', key: leadIndexKeys.captured, member: leadId, score },
      { op: 'zadd', key: leadIndexKeys.source(after.source), member: leadId, score },
    );
  return changes;
}

function step(
  memo: LeadIndexMemo | undefined,
  event: ProjectedEventOf<LeadEvent['type']>,
): Step<LeadIndexMemo> {
  const leadId = event.data.leadId;
  let next: LeadIndexMemo | null;
  if (!memo) next = event.type === 'LeadCaptured' ? captured(event) : null;
  else {
    // `evolve` is the decider's own fold, so the index follows every transition the domain knows.
    const state = evolve(memo.state, event);
    next =
      state.stage === 'none'
        ? memo
        : { ...memo, state, score: scoreAfter(memo, event), events: memo.events + 1 };
  }
  if (!next) return {};
  return { memo: next, changes: regroup(leadId, memo, next) };
}

/**
 * Lead index: every lead by capture time, and by owner, stage and source, for `GET /leads`. It handles
 * every lead event (each one moves the lead's revision). An erased lead stays, flagged: it still counts.
 */
export const leadIndexProjection = leadProjection<LeadIndexMemo>({
  name: LEAD_INDEX,
  version: 1,
  handlers: Object.fromEntries(leadEventTypes.map((type) => [type, step])) as LeadHandlers<LeadIndexMemo>,
});
