import { randomUUID } from 'node:crypto';
import type { EventStore } from '@leadger/event-store';
import {
  handleCommand,
  openLeadIdentity,
  recordAnonymousEngagement,
  stitchSuspect,
  type CommandHandlerDeps,
} from '@leadger/lead-application';
import { tempIdentity } from '../../support/temp-identity';
import {
  allowedCommands,
  customerNurturePrograms,
  disqualifyReasons,
  expansionKinds,
  lostReasons,
  opportunityStages,
  rejectReasons,
  type LeadCommand,
  type LeadCommandType,
  type LeadState,
} from '@leadger/lead-domain';

const HOUR = 3_600_000;
export const owners = ['ava', 'ben', 'cho', 'dev'];
export const sources = ['webinar', 'ads', 'referral', 'organic'];
export const campaigns = [undefined, 'spring', 'summer'];

/** How likely each command is, among those legal in the lead's stage: mostly forward, sometimes not. */
const weights: Record<LeadCommandType, number> = {
  CaptureLead: 1,
  RecordEngagement: 1,
  MarkMarketingQualified: 6,
  HandOffLead: 6,
  AcceptLead: 5,
  RejectLead: 2,
  QualifyLead: 5,
  ChangeOpportunityStage: 3,
  ReassignLead: 1,
  CloseWon: 3,
  CloseLost: 3,
  ReopenDeal: 2,
  RecycleLead: 3,
  ReengageLead: 3,
  DisqualifyLead: 0.5,
  RequalifyLead: 1,
  OpenOpportunity: 2,
  ScheduleCustomerNurture: 2,
  // Erasure is a privacy officer's act, not a step of the funnel; erasure tests make their own.
  EraseLead: 0,
};

/** mulberry32: a small seeded generator, so a failing history can be produced again. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Lead {
  readonly email: string;
  readonly leadId: string;
  /** The anonymous visitor its capture names, if any (stitched when that visitor engaged). */
  readonly anonymousId?: string;
  /** The rep who found it ("sales first in"), for a sales-sourced lead. */
  readonly salesFound?: string;
  state: LeadState;
  at: number;
  steps: number;
}

export interface HistoryOptions {
  readonly leads: number;
  readonly seed: number;
  /** Captures spread from here over `spanDays`. */
  readonly from: Date;
  readonly spanDays: number;
  /** Emails are `<prefix>-<n>@example.com`; another prefix gives other leads. Default `lead`. */
  readonly emailPrefix?: string;
  /**
   * Seal personal data with the vault and master key of this data dir (made if new), so a Leadger process
   * on the same dir can open it; default a throwaway vault these tests never open again.
   */
  readonly dataDir?: string;
}

/**
 * Writes a random but legal history through `handleCommand`: every lead is captured on a random day, then
 * walks the lifecycle one legal command at a time (an hour to five days apart) until it stops somewhere or
 * closes. Leads advance in random interleaving, so one lead's events spread over many batches.
 */
export async function generateHistory(store: EventStore, options: HistoryOptions): Promise<void> {
  const next = random(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  // Visitors and who found each lead draw from a generator of their own, so the leads' walks stay the same.
  const journey = random(options.seed ^ 0x6a0e);
  const journeyPick = <T>(list: readonly T[]): T => list[Math.floor(journey() * list.length)];
  const identity = options.dataDir ? await openLeadIdentity({ dataDir: options.dataDir }, store) : null;
  const { personalData, directory, close } = identity ?? throwaway();
  const deps: CommandHandlerDeps & { directory: typeof directory } = {
    store,
    personalData,
    directory,
    clock: () => new Date(),
    newId: randomUUID,
  };
  const active: Lead[] = [];
  for (let index = 0; index < options.leads; index++) {
    const at = options.from.getTime() + Math.floor(next() * options.spanDays * 24 * HOUR);
    const email = `${options.emailPrefix ?? 'lead'}-${index}@example.com`;
    const leadId = await directory.forCapture(email);
    // Some leads were anonymous visitors first (a few named by a capture without ever having engaged).
    const anonymousId = journey() < 0.3 ? `visitor-${options.emailPrefix ?? 'lead'}-${index}` : undefined;
    if (anonymousId && journey() < 0.9) await visits(deps, anonymousId, at, journey, journeyPick);
    const salesFound = journey() < 0.15 ? journeyPick(owners) : undefined;
    active.push({ email, leadId, anonymousId, salesFound, state: { stage: 'none' }, at, steps: 0 });
  }
  // Visitors who never gave an email.
  for (let index = 0; index < Math.ceil(options.leads / 4); index++) {
    const at = options.from.getTime() + Math.floor(next() * options.spanDays * 24 * HOUR);
    await visits(deps, `stranger-${options.emailPrefix ?? 'lead'}-${index}`, at, journey, journeyPick);
  }
  while (active.length > 0) {
    const slot = Math.floor(next() * active.length);
    const lead = active[slot];
    const command = commandFor(lead, next, pick);
    if (command) {
      const outcome = await handleCommand(deps, command, { actor: 'test:generator' });
      if (command.type === 'CaptureLead' && lead.anonymousId) {
        const cause = { actor: 'test:generator', command: 'CaptureLead' } as const;
        await stitchSuspect(deps, lead.anonymousId, lead.leadId, command.metadata.occurredAt, cause);
      }
      lead.state = outcome.state;
      lead.steps++;
      lead.at += HOUR + Math.floor(next() * 5 * 24 * HOUR);
    }
    // Most leads stop part-way, so every stage (open deals, pending handoffs, nurture) has some.
    if (!command || lead.steps > 14 || next() < 0.07) active.splice(slot, 1);
  }
  await close();
}

/** One to four anonymous engagements of a visitor, a few hours apart, the last of them before `before`. */
async function visits(
  deps: Parameters<typeof recordAnonymousEngagement>[0],
  anonymousId: string,
  before: number,
  next: () => number,
  pick: <T>(list: readonly T[]) => T,
): Promise<void> {
  const count = 1 + Math.floor(next() * 4);
  let at = before - (1 + Math.floor(next() * 10 * 24)) * HOUR;
  const utm = { source: pick(sources), campaign: pick(campaigns) };
  for (let n = 0; n < count; n++) {
    const data = { anonymousId, kind: 'web_visit' as const, scoreDelta: Math.floor(next() * 10), utm };
    const command = {
      type: 'RecordAnonymousEngagement' as const,
      data,
      metadata: { occurredAt: new Date(at).toISOString() },
    };
    await recordAnonymousEngagement(deps, command, { actor: 'test:generator' });
    at += Math.floor(next() * 6 * HOUR);
  }
}

function commandFor(lead: Lead, next: () => number, pick: <T>(list: readonly T[]) => T): LeadCommand | null {
  const legal = allowedCommands(lead.state);
  // Nothing left but engagements (won): the lead's story is over; most disqualified leads stay so.
  if (legal.length === 1 && legal[0] === 'RecordEngagement') return null;
  if (lead.state.stage === 'disqualified' && next() < 0.7) return null;
  const total = legal.reduce((sum, type) => sum + weights[type], 0);
  let roll = next() * total;
  const type = legal.find((t) => (roll -= weights[t]) < 0) ?? legal[legal.length - 1];
  const occurredAt = new Date(lead.at).toISOString();
  const later = (days: number) => new Date(lead.at + days * 24 * HOUR).toISOString();
  const amount = Math.round(next() * 10_000_000) / 100;
  const leadId = lead.leadId;
  const data = ((): LeadCommand['data'] => {
    switch (type) {
      case 'CaptureLead': {
        const capture = { leadId, email: lead.email, source: pick(sources), campaign: pick(campaigns) };
        const named = lead.anonymousId ? { ...capture, anonymousId: lead.anonymousId } : capture;
        // Some leads sales found itself ("sales first in"): they start at sal, owned by the rep.
        return lead.salesFound ? { ...named, origin: 'sales', owner: lead.salesFound } : named;
      }
      case 'RecordEngagement':
        return { leadId, kind: 'web_visit', scoreDelta: Math.floor(next() * 10) };
      case 'MarkMarketingQualified':
        return { leadId, score: 80, reason: 'score over 70' };
      case 'HandOffLead':
        return { leadId, toOwner: pick(owners), slaDueAt: later(1) };
      case 'RejectLead':
        return { leadId, reason: pick(rejectReasons.filter((r) => r !== 'other')), revisitAt: later(90) };
      case 'QualifyLead': {
        const bant = { budget: amount, authority: 'CFO', need: 'visibility', timeline: 'Q3' };
        return { leadId, opportunityId: `${leadId}-${lead.steps}`, ...bant, amount };
      }
      case 'OpenOpportunity':
        return { leadId, opportunityId: `${leadId}-${lead.steps}`, kind: pick(expansionKinds), amount };
      case 'ScheduleCustomerNurture':
        return { leadId, program: pick(customerNurturePrograms), revisitAt: later(next() * 60 + 1) };
      case 'ChangeOpportunityStage': {
        const current = lead.state.stage === 'sql' ? lead.state.opportunity.stage : 'prospecting';
        const stage = pick(opportunityStages.filter((s) => s !== current));
        return next() < 0.5 ? { leadId, stage } : { leadId, stage, amount };
      }
      case 'ReassignLead':
        return { leadId, toOwner: pick(owners.filter((o) => o !== currentOwner(lead.state))) };
      case 'CloseLost':
        return {
          leadId,
          reason: pick(lostReasons.filter((r) => r !== 'other')),
          recycle: next() < 0.6,
          revisitAt: later(60),
        };
      case 'RecycleLead':
        return { leadId, revisitAt: later(120) };
      case 'ReengageLead':
        return { leadId, toStage: next() < 0.5 ? 'lead' : 'mql' };
      case 'DisqualifyLead':
        return { leadId, reason: pick(disqualifyReasons.filter((r) => r !== 'other')) };
      case 'RequalifyLead':
        return { leadId, note: 'disqualified by mistake' };
      default:
        return { leadId };
    }
  })();
  return { type, data, metadata: { occurredAt } } as LeadCommand;
}

function currentOwner(state: LeadState): string | null {
  if (state.stage === 'mql') return state.pendingHandoff?.toOwner ?? null;
  if (state.stage === 'sal' || state.stage === 'sql') return state.owner;
  return null;
}

/** A vault of its own, removed when closed: the personal data of generated leads is sealed like any other. */
function throwaway() {
  const identity = tempIdentity();
  return { ...identity, close: identity.dispose };
}
