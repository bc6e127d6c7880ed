import type { RecordedEvent } from '@leadger/event-store';
import { toLeadEvent } from '@leadger/lead-application';
import { evolve, type LeadState } from '@leadger/lead-domain';

/** One event of a lead's trail: who did what, when, and what it changed. */
export interface TrailEntry {
  readonly revision: string;
  readonly position: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: string;
  readonly commandId: string;
  readonly correlationId: string;
  /** For an event a policy caused: the rule that moved the lead and the rules' digest (`GET /policies`). */
  readonly policy: { readonly name: string; readonly rule: string; readonly digest: string } | null;
  readonly stageBefore: string;
  readonly stageAfter: string;
  readonly ownerBefore: string | null;
  readonly ownerAfter: string | null;
  readonly reason: string | null;
  readonly note: string | null;
  /** What else the event says, in a few words: amounts, owners, dates. */
  readonly detail: string;
}

/** A handoff (or reassignment) of the lead and what became of it. */
export interface TrailHandoff {
  readonly kind: 'handoff' | 'reassignment';
  readonly from: string | null;
  readonly to: string;
  readonly at: string;
  readonly by: string;
  readonly slaDueAt: string | null;
  readonly decision: 'pending' | 'accepted' | 'rejected' | 'reassigned' | 'disqualified' | null;
  readonly decidedAt: string | null;
  readonly decidedBy: string | null;
  readonly reason: string | null;
  readonly timeToDecisionMs: number | null;
  readonly breached: boolean | null;
}

/** What the lead's capture says of the person, opened; null fields when erased or never given. */
export interface Person {
  readonly email: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly company: string | null;
  readonly title: string | null;
  readonly phone: string | null;
}

/** The person as captured, from the lead's opened events; null when no capture is among them. */
export function personOf(events: readonly RecordedEvent[]): Person | null {
  const captured = events.find((event) => event.type === 'LeadCaptured');
  if (!captured) return null;
  const text = (field: keyof Person) => {
    const value = captured.data[field];
    return typeof value === 'string' ? value : null;
  };
  return {
    email: text('email'),
    firstName: text('firstName'),
    lastName: text('lastName'),
    company: text('company'),
    title: text('title'),
    phone: text('phone'),
  };
}

/** Folds the lead's events one at a time, noting the stage and owner before and after each. */
export function trailOf(events: readonly RecordedEvent[]): {
  entries: TrailEntry[];
  handoffs: TrailHandoff[];
} {
  let state: LeadState = { stage: 'none' };
  const entries: TrailEntry[] = [];
  const handoffs: TrailHandoff[] = [];
  for (const event of events) {
    const before = state;
    state = evolve(state, toLeadEvent(event));
    const data = event.data as Record<string, unknown>;
    const meta = event.metadata as Record<string, unknown>;
    const entry: TrailEntry = {
      revision: event.revision.toString(),
      position: event.position.toString(),
      type: event.type,
      occurredAt: String(meta.occurredAt),
      recordedAt: String(meta.recordedAt ?? event.created.toISOString()),
      actor: String(meta.actor ?? 'unknown'),
      commandId: String(meta.commandId ?? ''),
      correlationId: String(meta.correlationId ?? ''),
      policy: policyOf(meta.policy),
      stageBefore: stageOf(before),
      stageAfter: stageOf(state),
      ownerBefore: ownerOf(before),
      ownerAfter: ownerOf(state),
      reason: typeof data.reason === 'string' ? data.reason : null,
      note: typeof data.note === 'string' ? data.note : null,
      detail: detailOf(event.type, data),
    };
    entries.push(entry);
    track(handoffs, entry, data);
  }
  return { entries, handoffs };
}

function policyOf(stamp: unknown): TrailEntry['policy'] {
  if (typeof stamp !== 'object' || stamp === null) return null;
  const { name, rule, digest } = stamp as Record<string, unknown>;
  return { name: String(name), rule: String(rule), digest: String(digest) };
}

function stageOf(state: LeadState): string {
  return state.stage === 'sql' ? `sql/${state.opportunity.stage}` : state.stage;
}

function ownerOf(state: LeadState): string | null {
  if (state.stage === 'mql' && state.pendingHandoff) return state.pendingHandoff.toOwner;
  return state.stage === 'none' ? null : state.owner;
}

function detailOf(type: string, data: Record<string, unknown>): string {
  const pairs = (keys: string[]) =>
    keys
      .filter((key) => data[key] !== null && data[key] !== undefined)
      .map((key) => `${key} ${String(data[key])}`)
      .join(', ');
  switch (type) {
    case 'LeadCaptured':
      return pairs(['email', 'source', 'campaign', 'via']);
    case 'EngagementRecorded':
      return pairs(['kind', 'scoreDelta', 'source']);
    case 'LeadMarketingQualified':
      return pairs(['score']);
    case 'LeadHandedOff':
      return `to ${String(data.toOwner)}, SLA due ${String(data.slaDueAt)}`;
    case 'LeadReassigned':
      return `${String(data.fromOwner)} → ${String(data.toOwner)}${data.pendingHandoff ? ' (pending handoff)' : ''}${data.slaDueAt ? `, new SLA due ${String(data.slaDueAt)}` : ''}`;
    case 'LeadQualified':
      return pairs(['amount', 'budget', 'authority', 'timeline']);
    case 'OpportunityStageChanged':
      return `${String(data.from)} → ${String(data.to)}, amount ${String(data.amount)}`;
    case 'DealWon':
      return pairs(['amount', 'fromStage']);
    case 'DealLost':
      return pairs(['amount', 'lostFromStage', 'competitor']);
    case 'DealReopened':
      return pairs(['toStage', 'amount']);
    case 'LeadRecycled':
      return `${String(data.origin)} at ${String(data.originStage)}, revisit ${String(data.revisitAt)}`;
    case 'LeadReengaged':
      return pairs(['toStage']);
    case 'LeadDisqualified':
      return pairs(['fromStage']);
    case 'LeadErased':
      return "personal data destroyed (the lead's key)";
    default:
      return '';
  }
}

/** Opens a handoff entry on LeadHandedOff and closes the open one on the decision that ends it. */
function track(handoffs: TrailHandoff[], entry: TrailEntry, data: Record<string, unknown>): void {
  const open = handoffs.findIndex((h) => h.decision === 'pending');
  const close = (decision: NonNullable<TrailHandoff['decision']>) => {
    if (open < 0) return;
    const h = handoffs[open];
    const ms = Date.parse(entry.occurredAt) - Date.parse(h.at);
    handoffs[open] = {
      ...h,
      decision,
      decidedAt: entry.occurredAt,
      decidedBy: entry.actor,
      reason: decision === 'rejected' || decision === 'reassigned' ? entry.reason : null,
      timeToDecisionMs: decision === 'accepted' || decision === 'rejected' ? ms : null,
      breached: h.slaDueAt === null ? null : Date.parse(entry.occurredAt) > Date.parse(h.slaDueAt),
    };
  };
  const opened = (kind: TrailHandoff['kind'], from: string | null, to: string, slaDueAt: string | null) =>
    handoffs.push({
      kind,
      from,
      to,
      at: entry.occurredAt,
      by: entry.actor,
      slaDueAt,
      decision: slaDueAt === null ? null : 'pending',
      decidedAt: null,
      decidedBy: null,
      reason: null,
      timeToDecisionMs: null,
      breached: null,
    });
  switch (entry.type) {
    case 'LeadHandedOff':
      return void opened(
        'handoff',
        (data.fromOwner as string | null) ?? null,
        String(data.toOwner),
        String(data.slaDueAt),
      );
    case 'LeadAccepted':
      return close('accepted');
    case 'LeadRejected':
      return close('rejected');
    case 'LeadDisqualified':
      return close('disqualified');
    case 'LeadReassigned': {
      const kept = data.pendingHandoff && open >= 0 ? handoffs[open].slaDueAt : null;
      const slaDueAt = data.pendingHandoff ? ((data.slaDueAt as string | null | undefined) ?? kept) : null;
      if (data.pendingHandoff) close('reassigned');
      return void opened('reassignment', String(data.fromOwner), String(data.toOwner), slaDueAt);
    }
  }
}
