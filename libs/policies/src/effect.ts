import type { LeadCommand } from '@leadger/lead-domain';

/** The policies, by the name each one acts under (`actor: policy:<name>`). */
export const policyNames = ['auto-mql', 'routing', 'sla-breach', 'nurture-due', 'after-sale'] as const;
export type PolicyName = (typeof policyNames)[number];

/** A command a policy issues, and the part of the rules that made it: which rule moved the lead. */
export interface Effect {
  readonly policy: PolicyName;
  /** Where in the rules document the decision came from, e.g. `mql.rules.enterprise-fit` or `sla.segments.emea`. */
  readonly rule: string;
  readonly command: LeadCommand;
  /** The rotation this effect moves on: its pool now served `owner` last. */
  readonly rotated?: { readonly pool: string; readonly owner: string };
}
