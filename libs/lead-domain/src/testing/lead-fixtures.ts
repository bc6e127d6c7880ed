import type { LeadCommand, LeadCommandOf, LeadCommandType } from '../commands';
import { decide } from '../decide';
import type { LeadEvent } from '../events';
import { evolve } from '../evolve';
import { initialState } from '../state';
import { eventsOf } from './given-when-then';

// One lead, Ann, with a valid command of each type and the histories that bring her to each stage.

export const email = 'ann@example.com';
export const leadId = 'b6f1d9b2-4c3e-4f8a-9d61-2a7c5e0f3b14';
export const at = '2025-03-03T09:00:00.000Z';
export const metadata = { occurredAt: at };
export const revisitAt = '2025-06-01T00:00:00.000Z';
export const slaDueAt = '2025-03-04T09:00:00.000Z';
export const opportunityId = 'opp-new-business';
export const expansionId = 'opp-upsell';

type DataOf<T extends LeadCommandType> = LeadCommandOf<T>['data'];

// Spreading defaults over a generic data type is beyond the compiler; each builder is typed at its call.
function command<T extends LeadCommandType>(type: T, defaults: Omit<DataOf<T>, 'leadId'>) {
  return (overrides: Partial<DataOf<T>> = {}): LeadCommandOf<T> =>
    ({ type, data: { leadId, ...defaults, ...overrides }, metadata }) as unknown as LeadCommandOf<T>;
}

/** Builders of a valid command per type, legal in every stage where the type is legal. */
export const cmd = {
  captureLead: command('CaptureLead', { email, firstName: 'Ann', source: 'webinar' }),
  recordEngagement: command('RecordEngagement', { kind: 'web_visit', scoreDelta: 5 }),
  markMarketingQualified: command('MarkMarketingQualified', { score: 72, reason: 'score over 70' }),
  handOffLead: command('HandOffLead', { toOwner: 'bob', slaDueAt }),
  acceptLead: command('AcceptLead', {}),
  rejectLead: command('RejectLead', { reason: 'bad_timing', revisitAt }),
  qualifyLead: command('QualifyLead', {
    opportunityId: opportunityId,
    budget: 60000,
    authority: 'CFO',
    need: 'pipeline visibility',
    timeline: 'Q3',
    amount: 50000,
  }),
  changeOpportunityStage: command('ChangeOpportunityStage', { stage: 'evaluation' }),
  reassignLead: command('ReassignLead', { toOwner: 'carol' }),
  closeWon: command('CloseWon', {}),
  closeLost: command('CloseLost', { reason: 'pricing', recycle: true, revisitAt }),
  reopenDeal: command('ReopenDeal', {}),
  recycleLead: command('RecycleLead', { revisitAt }),
  reengageLead: command('ReengageLead', { toStage: 'lead' }),
  disqualifyLead: command('DisqualifyLead', { reason: 'spam' }),
  requalifyLead: command('RequalifyLead', { note: 'a real buyer, marked spam by mistake' }),
  openOpportunity: command('OpenOpportunity', { opportunityId: expansionId, kind: 'upsell', amount: 20000 }),
  scheduleCustomerNurture: command('ScheduleCustomerNurture', { program: 'onboarding', revisitAt }),
  eraseLead: command('EraseLead', {}),
};

/** A valid command of each type, keyed by type. */
export const validCommand: { [T in LeadCommandType]: LeadCommandOf<T> } = {
  CaptureLead: cmd.captureLead(),
  RecordEngagement: cmd.recordEngagement(),
  MarkMarketingQualified: cmd.markMarketingQualified(),
  HandOffLead: cmd.handOffLead(),
  AcceptLead: cmd.acceptLead(),
  RejectLead: cmd.rejectLead(),
  QualifyLead: cmd.qualifyLead(),
  ChangeOpportunityStage: cmd.changeOpportunityStage(),
  ReassignLead: cmd.reassignLead(),
  CloseWon: cmd.closeWon(),
  CloseLost: cmd.closeLost(),
  ReopenDeal: cmd.reopenDeal(),
  RecycleLead: cmd.recycleLead(),
  ReengageLead: cmd.reengageLead(),
  DisqualifyLead: cmd.disqualifyLead(),
  RequalifyLead: cmd.requalifyLead(),
  OpenOpportunity: cmd.openOpportunity(),
  ScheduleCustomerNurture: cmd.scheduleCustomerNurture(),
  EraseLead: cmd.eraseLead(),
};

/** The events of running `commands` in order from nothing; every one must be accepted. */
export function historyOf(...commands: readonly LeadCommand[]): LeadEvent[] {
  return extend([], ...commands);
}

/** `past` followed by the events of running `commands` after it; every one must be accepted. */
export function extend(past: readonly LeadEvent[], ...commands: readonly LeadCommand[]): LeadEvent[] {
  const events = [...past];
  let state = past.reduce(evolve, initialState);
  for (const next of commands) {
    const decided = eventsOf(decide(next, state));
    events.push(...decided);
    state = decided.reduce(evolve, state);
  }
  return events;
}

const toLead = [cmd.captureLead()];
const toMql = [...toLead, cmd.markMarketingQualified()];
const toPending = [...toMql, cmd.handOffLead()];
const toSal = [...toPending, cmd.acceptLead()];
const toSql = [...toSal, cmd.qualifyLead()];

/** Histories that end in each stage (mql twice: with and without a pending handoff). */
export const history = {
  none: (): LeadEvent[] => [],
  lead: () => historyOf(...toLead),
  mql: () => historyOf(...toMql),
  mqlPending: () => historyOf(...toPending),
  sal: () => historyOf(...toSal),
  sql: () => historyOf(...toSql),
  won: () => historyOf(...toSql, cmd.closeWon()),
  /** A customer with an upsell open: sql again. */
  expansion: () => historyOf(...toSql, cmd.closeWon(), cmd.openOpportunity()),
  lost: () => historyOf(...toSql, cmd.closeLost({ recycle: false })),
  /** Lost and recycled: in nurture from a lost deal. */
  nurtureFromLost: () => historyOf(...toSql, cmd.closeLost()),
  nurture: () => historyOf(...toPending, cmd.rejectLead()),
  disqualified: () => historyOf(...toLead, cmd.disqualifyLead()),
  erased: () => historyOf(...toSql, cmd.eraseLead()),
};
