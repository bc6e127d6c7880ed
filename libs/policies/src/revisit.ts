import type { Rules } from './rules';

const DAY_MS = 86_400_000;

/** When a lead recycled for `reason` is due again, from `now`: the reason's days, or the default days. */
export function revisitAt(reason: string, rules: Rules, now: Date): string {
  const days = rules.nurture.revisitDays[reason] ?? rules.nurture.revisitDays.default;
  return new Date(now.getTime() + days * DAY_MS).toISOString();
}
