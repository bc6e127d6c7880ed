import type { Effect } from './effect';
import type { PolicyLead } from './policy-lead';
import type { Rules } from './rules';

/**
 * Nurture due: a recycled lead whose revisit date has come is re-engaged to lead or mql, as `nurture.onDue`
 * says; with `claim` (the default) it waits in the nurture queue for a consumer to claim it.
 */
export function nurtureDue({ details }: PolicyLead, rules: Rules, now: Date): Effect | null {
  const { onDue } = rules.nurture;
  if (onDue === 'claim' || details.stage !== 'nurture') return null;
  if (Date.parse(details.recycle.revisitAt) > now.getTime()) return null;
  return {
    policy: 'nurture-due',
    rule: 'nurture.onDue',
    command: {
      type: 'ReengageLead',
      data: { leadId: details.leadId, toStage: onDue === 'reengage-mql' ? 'mql' : 'lead' },
      metadata: { occurredAt: now.toISOString() },
    },
  };
}
