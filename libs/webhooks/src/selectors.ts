import { leadEventTypes, stages, type Stage } from '@leadger/lead-domain';

// What a subscription asks for: event types (`LeadAccepted`), stage changes (`stage:sql`: a lead entering
// that stage from another), or `*` (every lead event). Checked once at registration, matched per event.

export const ALL_EVENTS = '*';
export const STAGE_PREFIX = 'stage:';

/** A lead event's stage before and after it; `none` before the capture. */
export interface StageChange {
  readonly before: Stage | 'none';
  readonly after: Stage | 'none';
}

/** The selectors that are not known: an unknown event type or stage. Empty when all are good. */
export function unknownSelectors(selectors: readonly string[]): string[] {
  return selectors.filter((selector) => {
    if (selector === ALL_EVENTS) return false;
    if (selector.startsWith(STAGE_PREFIX))
      return !(stages as readonly string[]).includes(selector.slice(STAGE_PREFIX.length));
    return !(leadEventTypes as readonly string[]).includes(selector);
  });
}

/** Whether an event of `type` that made `change` is one the subscription asked for. */
export function selects(selectors: readonly string[], type: string, change: StageChange): boolean {
  const entered = change.before !== change.after ? `${STAGE_PREFIX}${change.after}` : null;
  return selectors.some((selector) => selector === ALL_EVENTS || selector === type || selector === entered);
}

/** What a selector may be, for a validation message and the OpenAPI document. */
export const selectorHelp = `an event type (${leadEventTypes.slice(0, 3).join(', ')}, …), ${STAGE_PREFIX}<stage> (${stages.map((s) => STAGE_PREFIX + s).join(', ')}) or ${ALL_EVENTS}`;
