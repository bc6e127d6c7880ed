import type { OwnerProfile } from '@leadger/lead-domain';

/** One owner of the roster as the log has them now. */
export type RosterOwner = OwnerProfile & {
  readonly ownerId: string;
  /** Revision of the owner's last event: what If-Match names. */
  readonly revision: bigint;
};

export interface RosterPage {
  /** By owner id. */
  readonly owners: readonly RosterOwner[];
  /** The last owner id of the page, to pass as `cursor` for the next one; null on the last page. */
  readonly nextCursor: string | null;
}

/**
 * The owners after `cursor` (an owner id, or from the first), at most `limit`. Owner ids never change, so the
 * cursor stays good however the roster changes between pages.
 */
export function rosterPage(
  owners: readonly RosterOwner[],
  cursor: string | undefined,
  limit: number,
): RosterPage {
  const sorted = [...owners].sort((a, b) => byId(a.ownerId, b.ownerId));
  const rest = cursor === undefined ? sorted : sorted.filter((owner) => owner.ownerId > cursor);
  const page = rest.slice(0, limit);
  return { owners: page, nextCursor: rest.length > limit ? page[page.length - 1].ownerId : null };
}

/** Code-unit order, the same on every machine (unlike `localeCompare`), as the rotation orders owners. */
function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
