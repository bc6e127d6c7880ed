import type { LeadEvent, LeadEventOf } from '../events';
import { later } from '../later';
import type { LeadDetails } from './lead-details';
import { entering } from './profile';

/**
 * Folds one event into the lead as people see it. Total, like `evolve`: an event that does not fit the
 * current stage, or of a type from a newer writer, leaves the stage as it is.
 */
export function evolveDetails(state: LeadDetails, event: LeadEvent): LeadDetails {
  const next = evolveStage(state, event);
  if (next.stage === 'none') return next;
  const at = event.metadata.occurredAt;
  return later(at, next.lastEventAt) ? { ...next, lastEventAt: at } : next;
}

function evolveStage(state: LeadDetails, event: LeadEvent): LeadDetails {
  const at = event.metadata.occurredAt;
  if (event.type === 'LeadCaptured') return state.stage === 'none' ? captured(event) : state;
  if (state.stage === 'none') return state;

  switch (event.type) {
    case 'EngagementRecorded':
      return { ...state, score: state.score + event.data.scoreDelta };
    case 'SuspectStitched':
      // The visitor's score comes along with it: it is the same person's interest.
      return { ...state, score: state.score + event.data.score };
    case 'LeadMarketingQualified':
      if (state.stage !== 'lead') return state;
      // The scoring service's figure is authoritative; later engagements adjust it.
      return { ...entering(state, 'mql', at), stage: 'mql', score: event.data.score, pendingHandoff: null };
    case 'LeadHandedOff': {
      if (state.stage !== 'mql') return state;
      const { toOwner, slaDueAt } = event.data;
      return { ...state, pendingHandoff: { toOwner, handedOffAt: at, slaDueAt } };
    }
    case 'LeadAccepted':
      if (state.stage !== 'mql') return state;
      return { ...entering(state, 'sal', at), stage: 'sal', owner: event.data.owner };
    case 'LeadRejected':
      return state.stage === 'mql' ? { ...state, pendingHandoff: null } : state;
    case 'LeadRecycled': {
      if (state.stage !== 'mql' && state.stage !== 'lost') return state;
      const { leadId: _leadId, note: _note, ...recycle } = event.data;
      return { ...entering(state, 'nurture', at), stage: 'nurture', recycle };
    }
    case 'LeadQualified': {
      if (state.stage !== 'sal') return state;
      const { budget, authority, need, timeline, amount, owner, opportunityId } = event.data;
      const bant = { budget, authority, need, timeline };
      return {
        ...entering(state, 'sql', at),
        stage: 'sql',
        owner,
        opportunity: { opportunityId, kind: 'new_business', stage: 'prospecting', amount, bant },
      };
    }
    case 'OpportunityOpened': {
      if (state.stage !== 'won') return state;
      const { opportunityId, kind, amount, owner } = event.data;
      const opportunity = { opportunityId, kind, stage: 'prospecting', amount, bant: null } as const;
      return { ...entering(state, 'sql', at), stage: 'sql', owner, opportunity };
    }
    case 'CustomerNurtureScheduled': {
      if (state.stage !== 'won') return state;
      const { program, revisitAt } = event.data;
      return { ...state, customerNurture: { program, revisitAt, scheduledAt: at } };
    }
    case 'OpportunityStageChanged':
      if (state.stage !== 'sql') return state;
      return {
        ...state,
        opportunity: { ...state.opportunity, stage: event.data.to, amount: event.data.amount },
      };
    case 'LeadReassigned':
      if (state.stage === 'mql' && state.pendingHandoff) {
        // The SLA clock keeps running: the command carries no new due date.
        const slaDueAt = event.data.slaDueAt ?? state.pendingHandoff.slaDueAt;
        return {
          ...state,
          pendingHandoff: { ...state.pendingHandoff, toOwner: event.data.toOwner, slaDueAt },
        };
      }
      if (state.stage === 'sal' || state.stage === 'sql') return { ...state, owner: event.data.toOwner };
      return state;
    case 'DealWon':
      if (state.stage !== 'sql') return state;
      return {
        ...entering(state, 'won', at),
        stage: 'won',
        owner: event.data.owner,
        amount: event.data.amount,
        customerSince: state.customerSince ?? at,
        lastWin: { at, amount: event.data.amount },
      };
    case 'DealLost': {
      if (state.stage !== 'sql') return state;
      const { lostFromStage, reason, note, amount, owner, opportunityId } = event.data;
      if (state.opportunity.kind !== 'new_business' && state.lastWin) {
        // A lost expansion: still a customer, back in won with the latest win as it was.
        return { ...entering(state, 'won', at), stage: 'won', owner, amount: state.lastWin.amount };
      }
      const bant = state.opportunity.bant;
      const lost = { opportunityId, lostFromStage, lostReason: reason, lostNote: note, amount, owner, bant };
      return { ...entering(state, 'lost', at), stage: 'lost', ...lost };
    }
    case 'DealReopened': {
      if (state.stage !== 'lost') return state;
      const { opportunityId, toStage, amount } = event.data;
      const opportunity = {
        opportunityId,
        kind: 'new_business',
        stage: toStage,
        amount,
        bant: state.bant,
      } as const;
      return { ...entering(state, 'sql', at), stage: 'sql', owner: event.data.owner, opportunity };
    }
    case 'LeadReengaged':
      if (state.stage !== 'nurture') return state;
      if (event.data.toStage === 'lead') return { ...entering(state, 'lead', at), stage: 'lead' };
      return { ...entering(state, 'mql', at), stage: 'mql', pendingHandoff: null };
    case 'LeadDisqualified':
      if (!['lead', 'mql', 'sal', 'nurture'].includes(state.stage)) return state;
      return { ...entering(state, 'disqualified', at), stage: 'disqualified', reason: event.data.reason };
    case 'LeadErased':
      return { ...state, erased: true };
    case 'LeadRequalified':
      if (state.stage !== 'disqualified') return state;
      return { ...entering(state, 'lead', at), stage: 'lead' };
    default:
      return ignored(event, state);
  }
}

/** Compile-time proof that every event type has a case; at run time an unknown type changes nothing. */
function ignored(_event: never, state: LeadDetails): LeadDetails {
  return state;
}

function captured(event: LeadEventOf<'LeadCaptured'>): LeadDetails {
  const { via: _via, owner, ...profile } = event.data;
  const at = event.metadata.occurredAt;
  const lead = {
    ...profile,
    score: 0,
    capturedAt: at,
    lastEventAt: at,
    erased: false,
    customerSince: null,
    lastWin: null,
    customerNurture: null,
  };
  // A sales-sourced lead reaches lead and sal at once: the rep found it and took it.
  if (profile.origin === 'sales' && owner !== null)
    return { ...lead, stage: 'sal', owner, stageEnteredAt: { lead: at, sal: at } };
  return { ...lead, stage: 'lead', owner: null, stageEnteredAt: { lead: at } };
}
