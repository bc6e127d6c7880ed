import { InvalidArgumentError } from 'commander';

// Parsers for option values: each returns the value or throws InvalidArgumentError, which commander turns
// into "error: option '--x <y>' argument 'z' is invalid. <why>" and exit code 2.

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** A moment: a day `YYYY-MM-DD` (its start, UTC) or an ISO-8601 date-time with a zone. */
export function moment(value: string): Date {
  const text = value.trim();
  const date = DAY.test(text) ? new Date(`${text}T00:00:00.000Z`) : ZONED.test(text) ? new Date(text) : null;
  // Date parsing rolls 2025-02-30 over into March: the calendar day must exist as written.
  if (date === null || Number.isNaN(date.getTime()) || !realDay(text.slice(0, 10)))
    throw new InvalidArgumentError(
      'Expected a day (2025-06-30) or a date-time with a zone (2025-06-30T12:00:00Z).',
    );
  return date;
}

function realDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
}

/** A UTC day `YYYY-MM-DD`, kept as text (the read-model queries take days as text). */
export function day(value: string): string {
  const text = value.trim();
  if (!DAY.test(text) || !realDay(text)) throw new InvalidArgumentError('Expected a day, YYYY-MM-DD.');
  return text;
}

/** A whole number within bounds. */
export function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value.trim().replace(/_/g, ''));
    if (!/^-?[\d_]+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(
        `Expected a whole number from ${min} to ${max.toLocaleString('en-US')}.`,
      );
    return n;
  };
}

/** Which clock an as-of reading uses: business time (`occurred`) or when the store took the event. */
export type Clock = 'occurred' | 'recorded';
export const clocks: readonly Clock[] = ['occurred', 'recorded'];

export function clockField(clock: Clock | undefined): 'occurredAt' | 'recordedAt' {
  return clock === 'recorded' ? 'recordedAt' : 'occurredAt';
}

/** A comma-separated list, repeatable: `--type A,B --type C` is `[A, B, C]`. */
export function commaList(value: string, previous: string[] | undefined): string[] {
  return [
    ...(previous ?? []),
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}
