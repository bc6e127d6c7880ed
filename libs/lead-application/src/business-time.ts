import type { LeadCommand, Refusal } from '@leadger/lead-domain';

/** How far ahead of the clock a command's occurredAt may be, by default: five minutes of clock skew. */
export const DEFAULT_CLOCK_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * Refuses a command dated in the future beyond the clock tolerance: a lead cannot have done something that
 * has not happened yet, and a far-future event would sit at the end of every time-ordered read model.
 * The domain cannot check this itself: it has no clock.
 */
export function futureRefusal(command: LeadCommand, now: Date, toleranceMs: number): Refusal | null {
  const { occurredAt } = command.metadata;
  const notAfter = new Date(now.getTime() + toleranceMs).toISOString();
  if (!(Date.parse(occurredAt) > Date.parse(notAfter))) return null;
  const tolerance = `${Math.round(toleranceMs / 1000)} s`;
  const message = `${command.type}: occurredAt ${occurredAt} is in the future: it may be at most ${notAfter} (now plus ${tolerance})`;
  return { code: 'validation', command: command.type, field: 'occurredAt', occurredAt, notAfter, message };
}
