import type { Check } from '../decision';

// Rules on command values that the types cannot carry. DTOs validate the same things at the edge; these
// keep the log clean when a command comes from elsewhere (CLI, imports) and keep state JSON-safe (no NaN).

/** Optional free text as stored: trimmed, and null when blank. */
export function text(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed.length > 0 ? trimmed : null;
}

/** A check that always holds: for a rule that applies only sometimes. */
export const OK: Check = [true, '', ''];

export function required(field: string, value: string | undefined): Check {
  return [text(value) !== null, field, 'is required'];
}

export function oneOf<T extends string>(field: string, allowed: readonly T[], value: T | undefined): Check {
  return [value !== undefined && allowed.includes(value), field, `must be one of ${allowed.join(', ')}`];
}

/** A money figure: finite and not negative. */
export function amount(field: string, value: number | undefined): Check {
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= 0;
  return [ok, field, 'must be a finite number, zero or more'];
}

/** Closed reason sets end in `other`, which says nothing without a note. */
export function noteForOther(reason: string | undefined, note: string | undefined): Check {
  return [reason !== 'other' || text(note) !== null, 'note', 'is required when the reason is "other"'];
}

/** A due date (SLA, revisit) must come after the command that sets it, or it is due before it exists. */
export function after(field: string, value: string | undefined, at: string): Check {
  const ok = value === undefined || Date.parse(value) > Date.parse(at);
  return [ok, field, `must be after the command's time, ${at}`];
}
