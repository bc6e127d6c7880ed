import type { LeadEvent } from '@leadger/lead-domain';

/**
 * Who holds the lead against their capacity after this event: the owner of its open handoff or, once
 * accepted, of the SAL; null when nobody does (it was rejected, qualified into the pipeline, or
 * disqualified); `undefined` when the event changes nothing. Capacity counts open handoffs and SALs.
 */
export function holderAfter(event: LeadEvent, holder: string | null): string | null | undefined {
  switch (event.type) {
    case 'LeadHandedOff':
      return event.data.toOwner;
    case 'LeadReassigned':
      // An sql lead is held by nobody: its reassignment moves no capacity.
      return holder === null ? undefined : event.data.toOwner;
    case 'LeadRejected':
    case 'LeadQualified':
    case 'LeadDisqualified':
      return holder === null ? undefined : null;
    default:
      return undefined;
  }
}
