import type { Stage } from '../vocabulary';
import type { ExistingLeadDetails, LeadProfile } from './lead-details';

/**
 * The lead's common part, without the facts of its current stage. Picked field by field so that moving
 * to another stage cannot carry a stale stage fact (an old opportunity, a pending handoff) along.
 */
export function profileOf(state: ExistingLeadDetails): LeadProfile {
  return {
    leadId: state.leadId,
    email: state.email,
    firstName: state.firstName,
    lastName: state.lastName,
    company: state.company,
    title: state.title,
    phone: state.phone,
    source: state.source,
    campaign: state.campaign,
    utm: state.utm,
    anonymousId: state.anonymousId,
    origin: state.origin,
    score: state.score,
    owner: state.owner,
    capturedAt: state.capturedAt,
    stageEnteredAt: state.stageEnteredAt,
    lastEventAt: state.lastEventAt,
    erased: state.erased,
    customerSince: state.customerSince,
    lastWin: state.lastWin,
    customerNurture: state.customerNurture,
  };
}

/** The profile of a lead entering `stage` at `at` (ISO): the latest entry per stage is kept. */
export function entering(state: ExistingLeadDetails, stage: Stage, at: string): LeadProfile {
  return { ...profileOf(state), stageEnteredAt: { ...state.stageEnteredAt, [stage]: at } };
}
