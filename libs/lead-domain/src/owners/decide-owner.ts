import type { Check } from '../decision';
import type { OwnerCommand, OwnerEvent, OwnerState } from './owner';

/** Why an owner change was refused, or the events it makes (none when nothing changed: PUT is idempotent). */
export type OwnerDecision =
  | Readonly<{ ok: true; events: readonly OwnerEvent[] }>
  | Readonly<{ ok: false; field: string; message: string }>;

/** An owner's id: the name of their API key or their token's id claim, which their lead events carry. */
export const ownerIdPattern = /^[a-z0-9][a-z0-9._@-]{0,63}$/;

/** Sets an owner's profile: the first time adds them to the roster, later times change it. */
export function decideOwner(command: OwnerCommand, state: OwnerState): OwnerDecision {
  const { ownerId, name, teams, active, capacity } = command.data;
  const checks: Check[] = [
    [
      ownerIdPattern.test(ownerId),
      'ownerId',
      'must be 1-64 of a-z, 0-9 and ._@-, as the key or token that names them',
    ],
    [name.trim().length > 0, 'name', 'is required'],
    [teams.every((team) => team.trim().length > 0), 'teams', 'must be names, none blank'],
    [
      capacity === null || (Number.isSafeInteger(capacity) && capacity >= 0),
      'capacity',
      'must be a whole number, 0 or more, or null',
    ],
  ];
  const failed = checks.find(([ok]) => !ok);
  if (failed) return { ok: false, field: failed[1], message: `SetOwner: ${failed[1]} ${failed[2]}` };
  const profile = {
    name: name.trim(),
    teams: [...new Set(teams.map((team) => team.trim()))].sort(),
    active,
    capacity,
  };
  if (state.exists && sameProfile(state, profile)) return { ok: true, events: [] };
  return {
    ok: true,
    events: [{ type: 'OwnerSet', data: { ownerId, ...profile }, metadata: command.metadata }],
  };
}

function sameProfile(
  a: OwnerState & { exists: true },
  b: Omit<OwnerState & { exists: true }, 'exists'>,
): boolean {
  return (
    a.name === b.name &&
    a.active === b.active &&
    a.capacity === b.capacity &&
    a.teams.join('\n') === b.teams.join('\n')
  );
}
