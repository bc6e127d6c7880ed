import { leadProjection, type Step } from '../lead-projection';
import type { ProjectedEventOf } from '../projection';
import { closed, opened } from './handoff-changes';
import { HANDOFFS, type HandoffDecision, type HandoffEntry } from './handoff-keys';

/** The lead's source (for rejection rates) and its pending entry, which the next decision closes. */
interface HandoffMemo {
  readonly source: string | null;
  readonly pending: HandoffEntry | null;
}

const none: HandoffMemo = { source: null, pending: null };

function entry(
  event: ProjectedEventOf<'LeadHandedOff' | 'LeadReassigned'>,
  memo: HandoffMemo,
  fields: Pick<HandoffEntry, 'kind' | 'from' | 'to' | 'slaDueAt' | 'decision'>,
): HandoffEntry {
  const at = event.metadata.occurredAt;
  const settled = fields.decision !== 'pending';
  return {
    id: String(event.position),
    leadId: event.data.leadId,
    source: memo.source,
    ...fields,
    at,
    decidedAt: settled ? at : null,
    reason: null,
    timeToDecisionMs: null,
    breachedAtClose: false,
  };
}

/** Closes the pending entry, if there is one. */
function decide(
  memo: HandoffMemo,
  decision: Exclude<HandoffDecision, 'pending'>,
  at: string,
  reason: string | null = null,
): Step<HandoffMemo> {
  if (!memo.pending) return {};
  return { memo: { ...memo, pending: null }, changes: closed(memo.pending, decision, at, reason).changes };
}

/**
 * Handoff ledger: an entry per LeadHandedOff and LeadReassigned. A handoff stays pending until accepted or
 * rejected; reassigning a pending handoff closes its entry as `reassigned` and opens a pending one for the
 * new owner with the same SLA (the clock keeps running) unless the reassignment sets a new one; the closed
 * entry keeps the reassignment's reason (`sla_breach` when the SLA policy moved it); reassigning an owner (sal,
 * sql) needs no acceptance and is recorded settled as `reassigned`; disqualifying a lead closes its pending entry.
 */
export const handoffsProjection = leadProjection<HandoffMemo>({
  name: HANDOFFS,
  // 2: rejection reasons counted per source.
  version: 2,
  handlers: {
    LeadCaptured: (memo, event) => (memo ? {} : { memo: { ...none, source: event.data.source } }),
    LeadHandedOff: (memo = none, event) => {
      const { fromOwner, toOwner, slaDueAt } = event.data;
      const fields = {
        kind: 'handoff',
        from: fromOwner,
        to: toOwner,
        slaDueAt,
        decision: 'pending',
      } as const;
      const opening = entry(event, memo, fields);
      return { memo: { ...memo, pending: opening }, changes: opened(opening) };
    },
    LeadAccepted: (memo = none, event) => decide(memo, 'accepted', event.metadata.occurredAt),
    LeadRejected: (memo = none, event) =>
      decide(memo, 'rejected', event.metadata.occurredAt, event.data.reason),
    LeadDisqualified: (memo = none, event) => decide(memo, 'disqualified', event.metadata.occurredAt),
    LeadReassigned: (memo = none, event) => {
      const { fromOwner, toOwner, pendingHandoff } = event.data;
      const previous = pendingHandoff ? memo.pending : null;
      if (!previous) {
        const fields = { kind: 'reassignment', from: fromOwner, to: toOwner, slaDueAt: null } as const;
        const settled = entry(event, memo, { ...fields, decision: 'reassigned' });
        return { changes: opened({ ...settled, reason: event.data.reason }) };
      }
      const close = closed(previous, 'reassigned', event.metadata.occurredAt, event.data.reason);
      const fields = {
        kind: 'reassignment',
        from: fromOwner,
        to: toOwner,
        slaDueAt: event.data.slaDueAt ?? previous.slaDueAt,
      } as const;
      const next = entry(event, memo, { ...fields, decision: 'pending' });
      return { memo: { ...memo, pending: next }, changes: [...close.changes, ...opened(next)] };
    },
  },
});
