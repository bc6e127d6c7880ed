import type { Effect } from './effect';
import type { PolicyLead } from './policy-lead';
import type { MqlRule, Rules } from './rules';

/** Auto-MQL: a lead whose score and profile satisfy an MQL rule is marked MQL, the rule's name its reason. */
export function autoMql({ details }: PolicyLead, rules: Rules, occurredAt: string): Effect | null {
  if (details.stage !== 'lead') return null;
  const rule = rules.mql.rules.find((candidate) => satisfies(details, candidate));
  if (!rule) return null;
  return {
    policy: 'auto-mql',
    rule: `mql.rules.${rule.name}`,
    command: {
      type: 'MarkMarketingQualified',
      data: { leadId: details.leadId, score: details.score, reason: rule.name },
      metadata: { occurredAt },
    },
  };
}

/** Whether the rules need the lead's personal fields (company, title) to decide on it. */
export function mqlNeedsProfile(rules: Rules): boolean {
  return rules.mql.rules.some((rule) => rule.companyPresent || rule.titleMatches !== undefined);
}

type Profile = Pick<PolicyLead['details'], 'score' | 'source' | 'company' | 'title'>;

function satisfies(lead: Profile, rule: MqlRule): boolean {
  if (lead.score < rule.minScore) return false;
  if (rule.sources && !rule.sources.includes(lead.source)) return false;
  if (rule.companyPresent && !lead.company?.trim()) return false;
  return rule.titleMatches === undefined || new RegExp(rule.titleMatches, 'i').test(lead.title ?? '');
}
