import type { ExistingLeadDetails, LeadEvent } from '@leadger/lead-domain';

/** What a policy knows of a lead when it decides: the lead as people see it, and its SLA escalations. */
export interface PolicyLead {
  /** Personal fields are opened only where a rule needs them (an MQL rule on company or title). */
  readonly details: ExistingLeadDetails;
  /** How often the pending handoff was reassigned for a breached SLA since it was handed off. */
  readonly slaBreaches: number;
}

/** The SLA escalations of the lead's pending handoff: `sla_breach` reassignments since the last handoff. */
export function slaBreachesOf(events: readonly LeadEvent[]): number {
  let breaches = 0;
  for (const event of events) {
    if (event.type === 'LeadHandedOff') breaches = 0;
    if (event.type === 'LeadReassigned' && event.data.reason === SLA_BREACH) breaches++;
  }
  return breaches;
}

/** The reason the SLA policy gives when it reassigns a handoff or rejects it back to marketing. */
export const SLA_BREACH = 'sla_breach';
