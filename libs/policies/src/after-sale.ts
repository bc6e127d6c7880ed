import type { Effect } from './effect';
import type { PolicyLead } from './policy-lead';
import type { Rules } from './rules';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * After the sale: a won lead with no customer nurture scheduled since its latest win is put in the program
 * `customerNurture.afterWin` names, due that many days on. A lost expansion leaves the latest win as it
 * was, so a customer scheduled since then is not scheduled again; a new win is scheduled anew.
 */
export function afterSale({ details }: PolicyLead, rules: Rules, now: Date): Effect | null {
  const { afterWin } = rules.customerNurture;
  if (!afterWin || details.stage !== 'won' || !details.lastWin) return null;
  const scheduled = details.customerNurture;
  if (scheduled && Date.parse(scheduled.scheduledAt) >= Date.parse(details.lastWin.at)) return null;
  // No earlier than the lead's latest event (a clock behind an import's dates), so the date stays ahead.
  const at = Math.max(now.getTime(), Date.parse(details.lastEventAt));
  return {
    policy: 'after-sale',
    rule: 'customerNurture.afterWin',
    command: {
      type: 'ScheduleCustomerNurture',
      data: {
        leadId: details.leadId,
        program: afterWin.program,
        revisitAt: new Date(at + afterWin.days * DAY_MS).toISOString(),
      },
      metadata: { occurredAt: new Date(at).toISOString() },
    },
  };
}
