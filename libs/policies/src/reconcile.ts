import { afterSale } from './after-sale';
import { autoMql } from './auto-mql';
import type { Effect } from './effect';
import { nurtureDue } from './nurture-due';
import type { OwnerBook } from './owner-book';
import type { PolicyLead } from './policy-lead';
import { route } from './routing';
import type { Rules } from './rules';
import { slaBreach } from './sla-breach';

/** How long a lead that is due but cannot move yet (nobody eligible to take it) waits for another look. */
export const RETRY_MS = 5 * 60_000;

/**
 * What the policies do about a lead as it is now: at most one step. Each step is a command whose event
 * brings the lead back here, so a lead walks lead → mql → handed off one step at a time, every step decided
 * on the lead as it then is.
 */
export function reconcile(lead: PolicyLead, rules: Rules, book: OwnerBook, now: Date): Effect | null {
  return (
    autoMql(lead, rules, now.toISOString()) ??
    route(lead, rules, book, now) ??
    slaBreach(lead, rules, book, now) ??
    nurtureDue(lead, rules, now) ??
    afterSale(lead, rules, now)
  );
}

/**
 * When the lead needs another look though nothing happens to it (epoch ms), or null when only its own events
 * can change what the policies do: its SLA's due time, its revisit date, or, when it is due already but
 * could not move, a retry.
 */
export function nextLook(lead: PolicyLead, rules: Rules, now: Date): number | null {
  const { details } = lead;
  const retry = now.getTime() + RETRY_MS;
  // A due time already past was acted on just now, or could not be: look again after a pause, not at once.
  const dueOrRetry = (due: string) => (Date.parse(due) > now.getTime() ? Date.parse(due) : retry);
  if (details.stage === 'mql' && details.pendingHandoff) {
    const waiting = lead.slaBreaches >= rules.sla.maxReassignments && rules.sla.then === 'wait';
    return waiting ? null : dueOrRetry(details.pendingHandoff.slaDueAt);
  }
  if (details.stage === 'mql') return rules.routing.enabled ? retry : null;
  if (details.stage === 'nurture' && rules.nurture.onDue !== 'claim')
    return dueOrRetry(details.recycle.revisitAt);
  return null;
}
