import type { Rules } from './rules';

const HOUR_MS = 3_600_000;

/** The handoff SLA for a lead of this source, from `now`: its segment's hours, or the default hours. */
export function slaFor(
  source: string,
  rules: Rules,
  now: Date,
): { readonly dueAt: string; readonly rule: string } {
  const segment = rules.sla.segments.find((s) => s.sources.includes(source));
  const hours = segment?.hours ?? rules.sla.hours;
  return {
    dueAt: new Date(now.getTime() + hours * HOUR_MS).toISOString(),
    rule: segment ? `sla.segments.${segment.name}` : 'sla.hours',
  };
}
