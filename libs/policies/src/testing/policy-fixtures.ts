import type { ExistingLeadDetails, LeadEvent, OwnerProfile } from '@leadger/lead-domain';
import { foldDetails } from '@leadger/lead-domain/testing';
import type { OwnerBook } from '../owner-book';
import { slaBreachesOf, type PolicyLead } from '../policy-lead';
import { rulesSchema, type Rules } from '../rules';

// Given a lead's events, the roster and the rules: what the policies decide. Times follow the lead
// fixtures: Ann is captured at 2025-03-03T09:00Z from `webinar`; her handoff to bob is due a day later.

export function leadOf(events: readonly LeadEvent[]): PolicyLead {
  const details = foldDetails(events);
  if (details.stage === 'none') throw new Error('no lead in these events');
  return { details: details as ExistingLeadDetails, slaBreaches: slaBreachesOf(events) };
}

/** The rules of a file holding `document` (the schema fills in every default). */
export function rulesOf(document: unknown = {}): Rules {
  return rulesSchema.parse(document);
}

export function owner(profile: Partial<OwnerProfile> = {}): OwnerProfile {
  return { name: 'An Owner', teams: ['sdr'], active: true, capacity: null, ...profile };
}

/** An owner book over `roster`, with these loads and the rotations' last owners. */
export function bookOf(
  roster: Readonly<Record<string, OwnerProfile>>,
  loads: Readonly<Record<string, number>> = {},
  lastRouted: Readonly<Record<string, string>> = {},
): OwnerBook {
  return {
    roster: new Map(Object.entries(roster)),
    load: (ownerId) => loads[ownerId] ?? 0,
    lastRouted: (pool) => lastRouted[pool] ?? null,
  };
}

export const hoursAfter = (iso: string, hours: number): Date => new Date(Date.parse(iso) + hours * 3_600_000);
