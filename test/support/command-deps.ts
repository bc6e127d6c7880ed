import { randomUUID } from 'node:crypto';
import type { EventStore } from '@leadger/event-store';
import {
  handleCommand,
  KeyedMutex,
  LeadCache,
  type CommandHandlerDeps,
  type LeadIdentity,
  type PersonalData,
} from '@leadger/lead-application';

/** What the command handler needs, as a program wires it: fresh ids, its own lock and lead cache. */
export function commandDeps(
  store: EventStore,
  personalData: PersonalData,
  clock: () => Date = () => new Date(),
): CommandHandlerDeps {
  return { store, personalData, clock, newId: randomUUID, mutex: new KeyedMutex(), cache: new LeadCache() };
}

/** Captures a lead through the command handler, as the API does, and answers its id. */
export async function captureLead(store: EventStore, identity: LeadIdentity, email: string): Promise<string> {
  const leadId = await identity.directory.forCapture(email);
  await handleCommand(
    commandDeps(store, identity.personalData),
    {
      type: 'CaptureLead',
      data: { leadId, email, source: 'ads' },
      metadata: { occurredAt: new Date().toISOString() },
    },
    { actor: 'test' },
  );
  return leadId;
}
