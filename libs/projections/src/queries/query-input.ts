import type { ZEntry } from '@leadger/read-store';

/** A query argument that cannot be answered; `code` maps to 400 in the API's error table. */
export class QueryInputError extends Error {
  readonly code = 'invalid_input';

  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field} ${problem}`);
    this.name = 'QueryInputError';
  }

  problemFields(): Record<string, unknown> {
    return { errors: [{ field: this.field, message: this.problem }] };
  }
}

/** A UTC day `YYYY-MM-DD`, or `undefined` when not given. */
export function day(field: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  // `0000-00-00` and other impossible days give an Invalid Date, whose toISOString() throws.
  const date = new Date(`${value}T00:00:00Z`);
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    !Number.isNaN(date.getTime()) &&
    date.toISOString().startsWith(value);
  if (!valid) throw new QueryInputError(field, 'must be a day, YYYY-MM-DD');
  return value;
}

/** Checks an optional value against its closed set (the HTTP layer hands strings through). */
export function oneOf(field: string, value: string | undefined, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value)) {
    throw new QueryInputError(field, `must be one of ${allowed.join(', ')}`);
  }
}

/** Plain code-unit order, the same on every machine (unlike `localeCompare`). */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A page size from 1 to `max`, `fallback` when not given. */
export function pageSize(value: number | undefined, fallback: number, max: number, field = 'limit'): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new QueryInputError(field, `must be a whole number from 1 to ${max}`);
  }
  return value;
}

/** An opaque cursor naming the last entry of a page (its score and member). */
export function encodeCursor(entry: ZEntry): string {
  return Buffer.from(JSON.stringify([entry.score, entry.member])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): ZEntry | undefined {
  if (cursor === undefined) return undefined;
  try {
    const [score, member] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof score === 'number' && typeof member === 'string') return { score, member };
  } catch {
    // Falls through to the error below: a cursor we did not make.
  }
  throw new QueryInputError('cursor', 'is not a cursor this service returned');
}
