import type { RecordedEvent } from '@leadger/event-store';
import {
  openPersonalData,
  SEALED_FIELD,
  type LeadIdentity,
  type PersonalDataView,
} from '@leadger/lead-application';

// The operator at the CLI sees personal fields in clear, opened with each lead's key from the vault; a lead
// whose key was destroyed (erased) shows them as null. Keys are fetched for each use and never kept, so an
// erasure by another process meanwhile is honoured from the next page on.

/** What the CLI shows of a lead's personal fields: in clear, or gone because the lead was erased. */
export type CliPersonalDataView = Exclude<PersonalDataView, 'masked'>;

/** The vault, opened only when an event holds sealed data (a read-only command on a log of none needs none). */
export type IdentitySource = () => Promise<LeadIdentity>;

/** One lead's events with their personal fields opened, and whether they could be. */
export async function openLead(
  identity: IdentitySource,
  leadId: string,
  events: readonly RecordedEvent[],
): Promise<{ personalData: CliPersonalDataView; events: RecordedEvent[] }> {
  const erased = events.some((event) => event.type === 'LeadErased');
  const key = erased ? null : await (await identity()).personalData.openingKey(leadId);
  return {
    personalData: key ? 'shown' : 'erased',
    events: events.map((event) => ({ ...event, data: openPersonalData(event.data, key) })),
  };
}

/** A page of events of many leads with their personal fields opened: one key look-up per lead on the page. */
export async function openPage(
  identity: IdentitySource,
  events: readonly RecordedEvent[],
): Promise<RecordedEvent[]> {
  const keys = new Map<string, Buffer | null>();
  for (const event of events) {
    const leadId = String(event.data.leadId);
    if (typeof event.data[SEALED_FIELD] !== 'string' || keys.has(leadId)) continue;
    keys.set(leadId, await (await identity()).personalData.openingKey(leadId));
  }
  return events.map((event) => ({
    ...event,
    data: openPersonalData(event.data, keys.get(String(event.data.leadId)) ?? null),
  }));
}
