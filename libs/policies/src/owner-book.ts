import type { OwnerProfile } from '@leadger/lead-domain';
import type { Rules } from './rules';

/** The roster as routing sees it: every owner's profile, how much each holds, and where each rotation stands. */
export interface OwnerBook {
  readonly roster: ReadonlyMap<string, OwnerProfile>;
  /** Open handoffs plus accepted leads the owner holds now. */
  load(ownerId: string): number;
  /** The owner the rotation of this pool gave the last lead to, or null. */
  lastRouted(pool: string): string | null;
}

/** Whom a lead of one source rotates among: owners of these teams (null: everyone), under one rotation key. */
export interface OwnerPool {
  readonly key: string;
  readonly teams: readonly string[] | null;
  /** The rules entry that chose the pool. */
  readonly rule: string;
}

/** The pool for a source: its own teams (`routing.bySource`), else `routing.teams`, else the whole roster. */
export function poolFor(source: string, rules: Rules): OwnerPool {
  const bySource = rules.routing.bySource[source];
  if (bySource)
    return {
      key: `teams:${[...bySource].sort().join(',')}`,
      teams: bySource,
      rule: `routing.bySource.${source}`,
    };
  const teams = rules.routing.teams ?? null;
  return teams
    ? { key: `teams:${[...teams].sort().join(',')}`, teams, rule: 'routing.teams' }
    : { key: 'everyone', teams: null, rule: 'routing' };
}

/** Active, under capacity, and in one of the pool's teams: no lead goes to someone on leave or full. */
export function eligible(book: OwnerBook, pool: OwnerPool, ownerId: string): boolean {
  const owner = book.roster.get(ownerId);
  if (!owner || !owner.active) return false;
  if (owner.capacity !== null && book.load(ownerId) >= owner.capacity) return false;
  return pool.teams === null || owner.teams.some((team) => pool.teams!.includes(team));
}

/**
 * The next owner of the pool's rotation after the one it served last, in owner-id order, skipping the
 * ineligible and `skip`; null when nobody can take a lead now.
 */
export function nextOwner(book: OwnerBook, pool: OwnerPool, skip: string | null = null): string | null {
  const ids = [...book.roster.keys()].sort();
  const last = book.lastRouted(pool.key);
  const start = last === null ? 0 : ids.filter((id) => id <= last).length;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[(start + i) % ids.length];
    if (id !== skip && eligible(book, pool, id)) return id;
  }
  return null;
}
