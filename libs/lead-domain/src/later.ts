/**
 * Whether ISO time `a` is later than `b`. Folds keep the latest business time, not the last one seen:
 * logs written before times were checked may hold events out of order.
 */
export function later(a: string, b: string): boolean {
  return Date.parse(a) > Date.parse(b);
}
