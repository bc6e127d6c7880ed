import { randomUUID } from 'node:crypto';
import type { Rules } from '@leadger/policies';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** What the application fills into a command that the client may leave out: times, policy dates, reason sets. */
export interface CommandFill {
  /** The client's occurredAt (imports, backfill) or now. */
  readonly occurredAt: string;
  /** The given revisit date, or occurredAt plus the rules' `nurture.revisitDays` for the reason. */
  revisitAt(reason: string | undefined, given: string | undefined): string;
  /** The given SLA due date, or occurredAt plus the rules' `sla.hours`. */
  slaDueAt(given: string | undefined): string;
  /** The reason sets in force (the rules' `reasons`): the domain refuses a reason they do not list. */
  readonly reasons: Rules['reasons'];
  /** A new opportunity's id (QualifyLead, OpenOpportunity): named here, since decide invents nothing. */
  readonly opportunityId: string;
}

export function commandFill(rules: Rules, now: Date, occurredAt: string | undefined): CommandFill {
  const at = occurredAt ? new Date(occurredAt) : now;
  const after = (ms: number) => new Date(at.getTime() + ms).toISOString();
  const { revisitDays } = rules.nurture;
  return {
    occurredAt: at.toISOString(),
    revisitAt: (reason, given) =>
      given
        ? new Date(given).toISOString()
        : after((revisitDays[reason ?? ''] ?? revisitDays.default) * DAY_MS),
    slaDueAt: (given) => (given ? new Date(given).toISOString() : after(rules.sla.hours * HOUR_MS)),
    reasons: rules.reasons,
    opportunityId: randomUUID(),
  };
}
