import type { Effect } from './effect';
import { eligible, nextOwner, poolFor, type OwnerBook } from './owner-book';
import type { PolicyLead } from './policy-lead';
import type { Rules } from './rules';
import { slaFor } from './sla';

/**
 * Routing: an MQL with no handoff pending is handed off, with its segment's SLA. A lead that already has an
 * accountable owner (recycled, then re-engaged) goes back to them while they can take it; any other goes to
 * the next eligible owner of its pool, round-robin. Nobody eligible: the lead waits for the next look.
 */
export function route(lead: PolicyLead, rules: Rules, book: OwnerBook, now: Date): Effect | null {
  const { details } = lead;
  if (!rules.routing.enabled || details.stage !== 'mql' || details.pendingHandoff) return null;
  const pool = poolFor(details.source, rules);
  const owner = details.owner;
  const kept = owner !== null && eligible(book, pool, owner);
  const toOwner = kept ? owner : nextOwner(book, pool);
  if (!toOwner) return null;
  const sla = slaFor(details.source, rules, now);
  return {
    policy: 'routing',
    rule: pool.rule,
    command: {
      type: 'HandOffLead',
      data: { leadId: details.leadId, toOwner, slaDueAt: sla.dueAt },
      metadata: { occurredAt: now.toISOString() },
    },
    // Giving a lead back to its owner is not their turn in the rotation.
    rotated: kept ? undefined : { pool: pool.key, owner: toOwner },
  };
}
