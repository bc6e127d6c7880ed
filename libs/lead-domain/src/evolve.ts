import type { LeadEvent } from './events';
import { later } from './later';
import type { ExistingLeadState, LeadState } from './state';

/**
 * Folds one event into the decision state. Total: an event that does not fit the current stage (which
 * decide never produces) leaves the stage as it is, and so does an unknown type from a newer writer, so
 * that reading a stream never fails.
 */
export function evolve(state: LeadState, event: LeadEvent): LeadState {
  const at = event.metadata.occurredAt;
  if (state.stage === 'none') {
    if (event.type !== 'LeadCaptured') return state;
    const { origin, owner } = event.data;
    if (origin === 'sales' && owner !== null) return { stage: 'sal', owner, lastEventAt: at, erased: false };
    return { stage: 'lead', owner: null, lastEventAt: at, erased: false };
  }
  const next = evolveStage(state, event);
  return later(at, next.lastEventAt) ? { ...next, lastEventAt: at } : next;
}

function evolveStage(state: ExistingLeadState, event: LeadEvent): ExistingLeadState {
  const basics = { owner: state.owner, lastEventAt: state.lastEventAt, erased: state.erased };
  switch (event.type) {
    case 'LeadMarketingQualified':
      return state.stage === 'lead' ? { ...basics, stage: 'mql', pendingHandoff: null } : state;
    case 'LeadHandedOff':
      return state.stage === 'mql' ? { ...state, pendingHandoff: { toOwner: event.data.toOwner } } : state;
    case 'LeadAccepted':
      return state.stage === 'mql' ? { ...basics, stage: 'sal', owner: event.data.owner } : state;
    case 'LeadRejected':
      return state.stage === 'mql' ? { ...state, pendingHandoff: null } : state;
    case 'LeadRecycled':
      return state.stage === 'mql' || state.stage === 'lost' ? { ...basics, stage: 'nurture' } : state;
    case 'LeadQualified': {
      if (state.stage !== 'sal') return state;
      const { opportunityId, amount } = event.data;
      const opportunity = { opportunityId, kind: 'new_business', stage: 'prospecting', amount } as const;
      return { ...basics, stage: 'sql', owner: event.data.owner, opportunity };
    }
    case 'OpportunityOpened': {
      if (state.stage !== 'won') return state;
      const { opportunityId, kind, amount } = event.data;
      const opportunity = { opportunityId, kind, stage: 'prospecting', amount } as const;
      return { ...basics, stage: 'sql', owner: event.data.owner, opportunity };
    }
    case 'OpportunityStageChanged':
      if (state.stage !== 'sql') return state;
      return {
        ...state,
        opportunity: { ...state.opportunity, stage: event.data.to, amount: event.data.amount },
      };
    case 'LeadReassigned':
      if (state.stage === 'mql' && state.pendingHandoff)
        return { ...state, pendingHandoff: { toOwner: event.data.toOwner } };
      if (state.stage === 'sal' || state.stage === 'sql') return { ...state, owner: event.data.toOwner };
      return state;
    case 'DealWon':
      return state.stage === 'sql' ? { ...basics, stage: 'won', owner: event.data.owner } : state;
    case 'DealLost': {
      if (state.stage !== 'sql') return state;
      const { lostFromStage, reason, amount, owner, opportunityId } = event.data;
      // A lost expansion leaves the customer a customer, with nothing to reopen or recycle.
      if (state.opportunity.kind !== 'new_business') return { ...basics, stage: 'won', owner };
      return { ...basics, stage: 'lost', owner, opportunityId, lostFromStage, lostReason: reason, amount };
    }
    case 'DealReopened': {
      if (state.stage !== 'lost') return state;
      const { opportunityId, toStage, amount } = event.data;
      const opportunity = { opportunityId, kind: 'new_business', stage: toStage, amount } as const;
      return { ...basics, stage: 'sql', owner: event.data.owner, opportunity };
    }
    case 'LeadReengaged':
      if (state.stage !== 'nurture') return state;
      return event.data.toStage === 'lead'
        ? { ...basics, stage: 'lead' }
        : { ...basics, stage: 'mql', pendingHandoff: null };
    case 'LeadDisqualified':
      if (!['lead', 'mql', 'sal', 'nurture'].includes(state.stage)) return state;
      return { ...basics, stage: 'disqualified', reason: event.data.reason };
    case 'LeadRequalified':
      return state.stage === 'disqualified' ? { ...basics, stage: 'lead' } : state;
    case 'LeadErased':
      return { ...state, erased: true };
    case 'LeadCaptured':
    case 'EngagementRecorded':
    case 'CustomerNurtureScheduled':
    case 'SuspectStitched':
      return state;
    default:
      return ignored(event, state);
  }
}

/** Compile-time proof that every event type has a case; at run time an unknown type changes nothing. */
function ignored(_event: never, state: ExistingLeadState): ExistingLeadState {
  return state;
}
