import type { EventStore, RecordedEvent } from '@leadger/event-store';
import { leadStream, openPersonalData, toLeadEvent, type PersonalData } from '@leadger/lead-application';
import { evolveDetails, noDetails, type LeadEvent } from '@leadger/lead-domain';
import { slaBreachesOf, type PolicyLead } from '@leadger/policies';

/** A lead as the store has it now, for a policy to decide on. */
export interface FreshLead {
  readonly lead: PolicyLead;
  readonly revision: bigint;
  /** Its latest event: what a timer's effect is caused by, and whose correlation it carries on. */
  readonly last: RecordedEvent;
}

/**
 * Reads the lead's stream now, not as of the event that brought the policy here: a policy acts on the lead
 * as it is. Personal fields are opened only when `withProfile` says a rule needs them and the lead is one a
 * rule could move (stage `lead`); null for no lead, or an erased one (nothing may be done to it).
 */
export async function loadFreshLead(
  store: EventStore,
  personalData: PersonalData,
  leadId: string,
  withProfile: boolean,
): Promise<FreshLead | null> {
  const read = await store.readStream(leadStream(leadId));
  if (!read.found || read.events.length === 0) return null;
  const stored = read.events;
  let events = stored.map(toLeadEvent);
  let details = events.reduce(evolveDetails, noDetails);
  if (details.stage === 'none' || details.erased) return null;
  if (withProfile && details.stage === 'lead') {
    events = await opened(personalData, leadId, stored);
    details = events.reduce(evolveDetails, noDetails);
    if (details.stage === 'none') return null;
  }
  const last = stored[stored.length - 1];
  return { lead: { details, slaBreaches: slaBreachesOf(events) }, revision: last.revision, last };
}

async function opened(
  personalData: PersonalData,
  leadId: string,
  stored: readonly RecordedEvent[],
): Promise<LeadEvent[]> {
  const key = await personalData.openingKey(leadId);
  return stored.map((event) => toLeadEvent({ ...event, data: openPersonalData(event.data, key) }));
}
