import type { RecordedEvent } from '@leadger/event-store';
import type { LeadState } from '@leadger/lead-domain';
import type { Caller } from './caller';
import { ForbiddenError } from './forbidden';
import { rolesFor } from '@leadger/identity';

/** How a caller may see a lead's personal fields: in clear, or masked (an analyst). */
export type LeadSight = 'shown' | 'masked';

/** Whether the lead is handed or owned to the principal: the one a pending handoff names, else the owner. */
export function ownsLead(principalId: string, state: LeadState): boolean {
  if (state.stage === 'none') return false;
  // A pending handoff is the new owner's to decide, not the one the lead had before (kept through nurture).
  if (state.stage === 'mql' && state.pendingHandoff) return state.pendingHandoff.toOwner === principalId;
  return state.owner === principalId;
}

/**
 * How the caller may read this lead, or a 403: `any` reads every lead; `own` the leads handed or owned to
 * the principal; `touched` those whose events it issued; `masked` every lead, personal fields masked.
 */
export function leadSight(caller: Caller, state: LeadState, events: readonly RecordedEvent[]): LeadSight {
  const { principal, scopes, operation } = caller;
  if (scopes.includes('any')) return 'shown';
  if (scopes.includes('own') && ownsLead(principal.id, state)) return 'shown';
  if (scopes.includes('touched') && events.some((event) => event.metadata.actor === principal.id))
    return 'shown';
  if (scopes.includes('masked')) return 'masked';
  throw new ForbiddenError(
    operation,
    rolesFor(operation),
    `${operation}: the lead is not handed or owned to ${principal.id}`,
  );
}

/**
 * The object-level check of a command, for `handleCommand`'s `authorize`: a caller whose grant is only
 * `own` may act on leads handed or owned to it (a lead not yet captured is left to the domain's 404).
 */
export function commandAuthorizer(caller: Caller): ((state: LeadState) => void) | undefined {
  const { principal, scopes, operation } = caller;
  if (scopes.includes('any')) return undefined;
  return (state) => {
    if (state.stage === 'none' || ownsLead(principal.id, state)) return;
    throw new ForbiddenError(
      operation,
      rolesFor(operation),
      `${operation}: the lead is not handed or owned to ${principal.id}`,
    );
  };
}
