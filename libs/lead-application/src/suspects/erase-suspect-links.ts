import type { EventStore } from '@leadger/event-store';
import { loadLead } from '../lead-stream';
import { openPersonalData, type PersonalData } from '../personal-data';
import type { SuspectNames } from './suspect-stream';

/**
 * Erases a lead's personal data for good: first the keys that tie its anonymous visits to it (the suspects
 * it was stitched to, whose ids only its own key can still open), then its own key. Safe to run again.
 */
export async function eraseLeadKeys(
  store: EventStore,
  personalData: PersonalData,
  directory: SuspectNames,
  leadId: string,
): Promise<void> {
  const key = await personalData.openingKey(leadId);
  if (key) {
    const { events } = await loadLead(store, leadId);
    for (const event of events) {
      if (event.type !== 'SuspectStitched') continue;
      const { anonymousId } = openPersonalData(event.data, key);
      if (typeof anonymousId === 'string') await personalData.erase(directory.suspectStream(anonymousId));
    }
  }
  await personalData.erase(leadId);
}
