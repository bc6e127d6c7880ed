import type { LeadgerConfig } from '@leadger/config';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the application fills into a command that the client may leave out: times and policy dates. */
export interface CommandFill {
  /** The client's occurredAt (imports, backfill) or now. */
  readonly occurredAt: string;
  /** The given revisit date, or occurredAt plus the configured delay for the reason. */
  revisitAt(reason: string | undefined, given: string | undefined): string;
  /** The given SLA due date, or occurredAt plus the configured handoff SLA. */
  slaDueAt(given: string | undefined): string;
}

export function commandFill(config: LeadgerConfig, now: Date, occurredAt: string | undefined): CommandFill {
  const at = occurredAt ? new Date(occurredAt) : now;
  const after = (ms: number) => new Date(at.getTime() + ms).toISOString();
  return {
    occurredAt: at.toISOString(),
    revisitAt: (reason, given) =>
      given
        ? new Date(given).toISOString()
        : after((config.revisitDays[reason ?? ''] ?? config.revisitDays.default) * DAY_MS),
    slaDueAt: (given) =>
      given ? new Date(given).toISOString() : after(config.handoffSlaHours * 60 * 60 * 1000),
  };
}
