// Small, exact arithmetic shared by projections and queries.

const DAY_MS = 86_400_000;

let lastIso = '';
let lastMs = NaN;

/** Epoch ms of an ISO-8601 time. Remembers the last one: every projection asks about the same event. */
export function ms(iso: string): number {
  if (iso !== lastIso) {
    lastIso = iso;
    lastMs = Date.parse(iso);
  }
  return lastMs;
}

/** The UTC day (`YYYY-MM-DD`) of an ISO-8601 time, whatever offset it was written with. */
export function dayOf(iso: string): string {
  // The common case, a UTC time as toISOString writes it, needs no parsing.
  if (iso.length === 24 && iso.endsWith('Z')) return iso.slice(0, 10);
  return new Date(ms(iso)).toISOString().slice(0, 10);
}

/** Days since 1970-01-01 (UTC): the score that orders day keys. */
export function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`) / DAY_MS;
}

/** Money as whole cents, so sums are exact in every store and independent of batch boundaries. */
export const cents = (amount: number): number => Math.round(amount * 100);
export const fromCents = (value: number): number => value / 100;

export interface Spread {
  readonly count: number;
  readonly meanMs: number | null;
  readonly medianMs: number | null;
  /** Nine in ten took at most this long: the nearest-rank 90th percentile, one of the values. */
  readonly p90Ms: number | null;
}

/** Count, mean, exact median (the mean of the two middle values for an even count) and p90. */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { count: 0, meanMs: null, medianMs: null, p90Ms: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const sum = sorted.reduce((total, value) => total + value, 0);
  const p90 = sorted[Math.ceil(0.9 * sorted.length) - 1];
  return { count: sorted.length, meanMs: sum / sorted.length, medianMs: median, p90Ms: p90 };
}

/** `part / whole`, or `null` when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
