import type { RecordedEvent } from '@leadger/event-store';
import { foldLeadDetails } from '@leadger/lead-application';
import type { LeadDetails } from '@leadger/lead-domain';

// Straightforward recomputation of funnel and pipeline figures from raw events, written independently of
// the projections, to check their numbers against.

export interface LeadFacts {
  readonly leadId: string;
  readonly day: string;
  readonly source: string;
  readonly campaign: string | null;
  /** Who found it: marketing, or a sales rep (a capture before origins existed is marketing's). */
  readonly origin: 'marketing' | 'sales';
  /** Epoch ms of the first event of each type, and `sal` of the lead's first entry into sal. */
  readonly first: Map<string, number>;
  /** Epoch ms of the first accept or reject. */
  decisionAt?: number;
  /** (close time, latest LeadQualified before it) per DealWon/DealLost. */
  readonly events: RecordedEvent[];
  state: LeadDetails;
}

const time = (event: RecordedEvent) => Date.parse(String(event.metadata.occurredAt));

export function leadFacts(events: readonly RecordedEvent[]): Map<string, LeadFacts> {
  const leads = new Map<string, LeadFacts>();
  for (const event of events) {
    if (!event.streamName.startsWith('lead-')) continue;
    const leadId = String(event.data.leadId);
    if (event.type === 'LeadCaptured') {
      leads.set(leadId, {
        leadId,
        day: new Date(time(event)).toISOString().slice(0, 10),
        source: String(event.data.source),
        campaign: (event.data.campaign as string | null) ?? null,
        origin: event.data.origin === 'sales' ? 'sales' : 'marketing',
        first: new Map(),
        events: [],
        state: { stage: 'none' },
      });
    }
    const lead = leads.get(leadId)!;
    lead.events.push(event);
    if (!lead.first.has(event.type)) lead.first.set(event.type, time(event));
    const entersSal =
      event.type === 'LeadAccepted' || (event.type === 'LeadCaptured' && lead.origin === 'sales');
    if (entersSal && !lead.first.has('sal')) lead.first.set('sal', time(event));
    if ((event.type === 'LeadAccepted' || event.type === 'LeadRejected') && lead.decisionAt === undefined) {
      lead.decisionAt = time(event);
    }
  }
  for (const lead of leads.values()) lead.state = foldLeadDetails(lead.events);
  return leads;
}

const reachedBy = {
  lead: 'LeadCaptured',
  mql: 'LeadMarketingQualified',
  sal: 'sal',
  sql: 'LeadQualified',
  won: 'DealWon',
};
const outcomeBy = {
  rejected: 'LeadRejected',
  lost: 'DealLost',
  disqualified: 'LeadDisqualified',
  recycled: 'LeadRecycled',
  reengaged: 'LeadReengaged',
};

export function expectedFunnel(leads: readonly LeadFacts[]) {
  const count = (type: string) => leads.filter((lead) => lead.first.has(type)).length;
  const between = (from: string, to: string) =>
    leads.flatMap((lead) =>
      lead.first.has(from) && lead.first.has(to) ? [lead.first.get(to)! - lead.first.get(from)!] : [],
    );
  return {
    reached: Object.fromEntries(Object.entries(reachedBy).map(([name, type]) => [name, count(type)])),
    outcomes: Object.fromEntries(Object.entries(outcomeBy).map(([name, type]) => [name, count(type)])),
    times: {
      leadToMql: between('LeadCaptured', 'LeadMarketingQualified'),
      handoffToDecision: leads.flatMap((lead) =>
        lead.decisionAt === undefined ? [] : [lead.decisionAt - lead.first.get('LeadHandedOff')!],
      ),
      salToSql: between('sal', 'LeadQualified'),
      sqlToWon: between('LeadQualified', 'DealWon'),
    },
  };
}

/** An anonymous visitor as the raw events tell it: its first touch, and when a capture identified it. */
export interface SuspectFacts {
  readonly day: string;
  readonly source: string | null;
  readonly campaign: string | null;
  /** Ms from first touch to the identification; undefined while anonymous. */
  identifiedAfter?: number;
}

/** Every suspect stream's first event is its first touch; its SuspectIdentified, if any, says when it became a lead. */
export function suspectFacts(events: readonly RecordedEvent[]): SuspectFacts[] {
  const suspects = new Map<string, SuspectFacts>();
  for (const event of events) {
    if (!event.streamName.startsWith('suspect-')) continue;
    let suspect = suspects.get(event.streamName);
    if (!suspect) {
      const utm = event.data.utm as { campaign?: string | null } | null;
      suspect = {
        day: new Date(time(event)).toISOString().slice(0, 10),
        source: (event.data.source as string | null) ?? null,
        campaign: utm?.campaign ?? null,
      };
      suspects.set(event.streamName, suspect);
    }
    if (event.type === 'SuspectIdentified')
      suspect.identifiedAfter = time(event) - Date.parse(String(event.data.firstTouchAt));
  }
  return [...suspects.values()];
}

export function expectedSuspects(suspects: readonly SuspectFacts[]) {
  const identified = suspects.flatMap((s) => (s.identifiedAfter === undefined ? [] : [s.identifiedAfter]));
  return { visitors: suspects.length, becameLeads: identified.length, firstTouchToLead: identified };
}

export interface Close {
  readonly kind: string;
  readonly outcome: 'won' | 'lost';
  readonly day: string;
  readonly owner: string;
  readonly amount: number;
  readonly reason: string | null;
  readonly stage: string;
  readonly cycleMs: number;
}

export interface Reopen {
  readonly kind: string;
  readonly day: string;
  readonly owner: string;
  readonly amount: number;
}

/**
 * Every deal by its current outcome: each LeadQualified (new business) or OpportunityOpened (an expansion,
 * of its kind) starts a deal, DealWon/DealLost close the current
 * one (with its sales cycle from that LeadQualified), DealReopened opens it again, so only its last close
 * counts. `reopens` has each deal ever reopened, on the day of its last reopen.
 */
export function deals(leads: readonly LeadFacts[]): { closes: Close[]; reopens: Reopen[] } {
  const closes: Close[] = [];
  const reopens: Reopen[] = [];
  const day = (event: RecordedEvent) => new Date(time(event)).toISOString().slice(0, 10);
  for (const lead of leads) {
    let qualifiedAt = NaN;
    let kind = 'new_business';
    let close: Close | null = null;
    let reopen: Reopen | null = null;
    const settle = () => {
      if (close) closes.push(close);
      if (reopen) reopens.push(reopen);
      [close, reopen] = [null, null];
    };
    for (const event of lead.events) {
      if (event.type === 'LeadQualified' || event.type === 'OpportunityOpened') {
        settle();
        qualifiedAt = time(event);
        kind = event.type === 'LeadQualified' ? 'new_business' : String(event.data.kind);
      }
      if (event.type === 'DealReopened') {
        close = null;
        const { owner, amount } = event.data;
        reopen = { kind, day: day(event), owner: String(owner), amount: Number(amount) };
      }
      if (event.type !== 'DealWon' && event.type !== 'DealLost') continue;
      const won = event.type === 'DealWon';
      close = {
        kind,
        outcome: won ? 'won' : 'lost',
        day: day(event),
        owner: String(event.data.owner),
        amount: Number(event.data.amount),
        reason: won ? null : String(event.data.reason),
        stage: String(won ? event.data.fromStage : event.data.lostFromStage),
        cycleMs: time(event) - qualifiedAt,
      };
    }
    settle();
  }
  return { closes, reopens };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

export const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
