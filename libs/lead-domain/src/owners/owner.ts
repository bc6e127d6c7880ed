import type { Message } from '../message';

// The owner roster: one stream per sales owner (`owner-<ownerId>`), changed by commands like a lead. Routing
// and SLA escalation read it to skip owners who are away or full.

/** What an owner is now; PUT sends it whole. */
export type OwnerProfile = Readonly<{
  name: string;
  /** Teams the owner works in (e.g. `sdr`, `enterprise`); routing rules may name them. */
  teams: readonly string[];
  /** False while away: routing and SLA escalation give them nothing new. */
  active: boolean;
  /** Most open handoffs and accepted leads at once; null for no limit. */
  capacity: number | null;
}>;

export type OwnerCommand = Message<'SetOwner', OwnerProfile & { ownerId: string }>;
export type OwnerEvent = Message<'OwnerSet', OwnerProfile & { ownerId: string }>;

export type OwnerState = Readonly<{ exists: false }> | (Readonly<{ exists: true }> & OwnerProfile);

export const noOwner: OwnerState = { exists: false };

export function evolveOwner(_state: OwnerState, event: OwnerEvent): OwnerState {
  const { ownerId: _ownerId, ...profile } = event.data;
  return { exists: true, ...profile };
}
