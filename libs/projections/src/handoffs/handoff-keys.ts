// Key layout of the handoff ledger: one document per entry (a handoff or a reassignment, keyed by the
// position of its event), time-ordered indexes to page through, and running counts per owner and source.

export const HANDOFFS = 'handoffs';

export const decisions = ['pending', 'accepted', 'rejected', 'reassigned', 'disqualified'] as const;
export type HandoffDecision = (typeof decisions)[number];

export const handoffKeys = {
  /** hash: entry id → `HandoffEntry` (JSON). */
  entries: `${HANDOFFS}:entries`,
  /** zset: entry id → handed-off time (epoch ms): every entry. */
  byTime: `${HANDOFFS}:by-time`,
  /** zset: entry id → handed-off time, per receiving owner. */
  byOwner: (owner: string) => `${HANDOFFS}:by-owner:${owner}`,
  /** zset: entry id → handed-off time, per current decision. */
  byDecision: (decision: HandoffDecision) => `${HANDOFFS}:by-decision:${decision}`,
  /** zset: pending entry id → SLA due time: what will breach, or has, while still pending. */
  pendingDue: `${HANDOFFS}:pending-due`,
  /** hash: `[owner, metric]` (JSON) → count; metrics in `OwnerMetric`. */
  owners: `${HANDOFFS}:owners`,
  /** zset: entry id → ms from handoff to accept or reject, per owner: medians by rank. */
  decisionTimes: (owner: string) => `${HANDOFFS}:decision-ms:${owner}`,
  /** hash: `[source, metric]` (JSON) → count; metrics in `SourceMetric`. */
  sources: `${HANDOFFS}:sources`,
  /** hash: `[source, reason]` (JSON) → rejections: which sources produce which rejections. */
  rejectionReasons: `${HANDOFFS}:rejection-reasons`,
};

/** Entries received, still pending, decided each way, and closed after their SLA was due. */
export type OwnerMetric = 'entries' | 'pending' | 'accepted' | 'rejected' | 'reassigned' | 'breaches';
export type SourceMetric = 'accepted' | 'rejected';

export const ownerField = (owner: string, metric: OwnerMetric): string => JSON.stringify([owner, metric]);
export const sourceField = (source: string, metric: SourceMetric): string => JSON.stringify([source, metric]);
export const reasonField = (source: string, reason: string): string => JSON.stringify([source, reason]);

/** One ledger entry, as stored and as queries return it (with `breached` worked out at query time). */
export type HandoffEntry = {
  /** The `$all` position of the LeadHandedOff or LeadReassigned that opened it. */
  readonly id: string;
  readonly leadId: string;
  readonly source: string | null;
  /** `handoff`, or `reassignment` (of a pending handoff, which stays pending, or of an owner). */
  readonly kind: 'handoff' | 'reassignment';
  readonly from: string | null;
  readonly to: string;
  readonly at: string;
  /** Null for an owner reassignment: it needs no acceptance, so no SLA runs. */
  readonly slaDueAt: string | null;
  readonly decision: HandoffDecision;
  readonly decidedAt: string | null;
  /** The rejection reason. */
  readonly reason: string | null;
  readonly timeToDecisionMs: number | null;
  /** Closed after its SLA was due (an open entry's breach depends on when one asks). */
  readonly breachedAtClose: boolean;
};
