import { randomUUID } from 'node:crypto';
import type { EventStore } from '@leadger/event-store';
import { handleCommand, KeyedMutex, LeadCache, type LeadIdentity } from '@leadger/lead-application';

/** Captures a lead through the command handler, as the API does, and answers its id. */
export async function captureLead(store: EventStore, identity: LeadIdentity, email: string): Promise<string> {
  const deps = {
    store,
    personalData: identity.personalData,
    clock: () => new Date(),
    newId: randomUUID,
    mutex: new KeyedMutex(),
    cache: new LeadCache(),
  };
  const leadId = await identity.directory.forCapture(email);
  await handleCommand(
    deps,
    {
      type: 'CaptureLead',
      data: { leadId, email, source: 'ads' },
      metadata: { occurredAt: new Date().toISOString() },
    },
    { actor: 'test' },
  );
  return leadId;
}
