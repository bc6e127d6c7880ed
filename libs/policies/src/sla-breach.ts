import type { Effect } from './effect';
import { nextOwner, poolFor, type OwnerBook } from './owner-book';
import { SLA_BREACH, type PolicyLead } from './policy-lead';
import { revisitAt } from './revisit';
import type { Rules } from './rules';
import { slaFor } from './sla';

/**
 * SLA breach: a pending handoff past its due time goes to the next eligible owner of its pool with a new SLA
 * (`ReassignLead`, reason `sla_breach`), at most `sla.maxReassignments` times. After that, or when nobody
 * else can take it, `sla.then` decides: `reject` it back to marketing's nurture (reason `sla_breach`), or
 * `wait` for sales to act. Escalation works from the roster: with no owner on it (Leadger before policies,
 * or a team that routes by hand), a breach is only reported, as the handoff ledger's `breached` view.
 */
export function slaBreach(lead: PolicyLead, rules: Rules, book: OwnerBook, now: Date): Effect | null {
  const { details } = lead;
  if (book.roster.size === 0 || details.stage !== 'mql' || !details.pendingHandoff) return null;
  if (Date.parse(details.pendingHandoff.slaDueAt) > now.getTime()) return null;
  const { leadId, source } = details;
  const occurredAt = now.toISOString();
  const pool = poolFor(source, rules);
  const toOwner =
    lead.slaBreaches < rules.sla.maxReassignments
      ? nextOwner(book, pool, details.pendingHandoff.toOwner)
      : null;
  if (toOwner) {
    const sla = slaFor(source, rules, now);
    return {
      policy: 'sla-breach',
      rule: 'sla.maxReassignments',
      command: {
        type: 'ReassignLead',
        data: { leadId, toOwner, reason: SLA_BREACH, slaDueAt: sla.dueAt },
        metadata: { occurredAt },
      },
      rotated: { pool: pool.key, owner: toOwner },
    };
  }
  if (rules.sla.then === 'wait') return null;
  return {
    policy: 'sla-breach',
    rule: 'sla.then',
    command: {
      type: 'RejectLead',
      data: {
        leadId,
        reason: SLA_BREACH,
        reasons: rules.reasons.reject,
        revisitAt: revisitAt(SLA_BREACH, rules, now),
      },
      metadata: { occurredAt },
    },
  };
}
