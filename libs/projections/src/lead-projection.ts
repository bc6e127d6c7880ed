import { leadEventTypes, type LeadEventType } from '@leadger/lead-domain';
import type { Change, JsonValue } from '@leadger/read-store';
import type { Projection, ProjectedEvent, ProjectedEventOf } from './projection';

/** A handler's answer: the lead's new memo (`undefined` keeps it, `null` forgets it) and other changes. */
export interface Step<Memo> {
  readonly memo?: Memo | null;
  readonly changes?: readonly Change[];
}

export type LeadHandlers<Memo> = {
  readonly [T in LeadEventType]?: (memo: Memo | undefined, event: ProjectedEventOf<T>) => Step<Memo>;
};

/**
 * The shape all our projections share: each keeps a small memo per lead (what it must remember between
 * that lead's events, in the hash `<name>:leads`) and turns each event into changes with one handler per
 * event type. The memo is the only thing a handler reads, so a batch loads it for every lead at once.
 */
export function leadProjection<Memo>(definition: {
  readonly name: string;
  readonly version: number;
  readonly handlers: LeadHandlers<Memo>;
}): Projection {
  const { name, version, handlers } = definition;
  const memoKey = `${name}:leads`;
  return {
    name,
    version,
    eventTypes: Object.keys(handlers) as LeadEventType[],
    reads: (event) => (isLeadEvent(event) ? [{ key: memoKey, field: event.data.leadId }] : []),
    apply(view, event) {
      if (!isLeadEvent(event)) return [];
      const handle = handlers[event.type] as
        ((memo: Memo | undefined, event: ProjectedEventOf<LeadEventType>) => Step<Memo>) | undefined;
      if (!handle) return [];
      const leadId = event.data.leadId;
      const step = handle(view.doc<Memo>(memoKey, leadId), event);
      const changes = step.changes ? [...step.changes] : [];
      if (step.memo === null) changes.push({ op: 'hdel', key: memoKey, field: leadId });
      // Memos are plain JSON objects; their types just cannot say so to the compiler.
      else if (step.memo !== undefined)
        changes.push({ op: 'hsetdoc', key: memoKey, field: leadId, doc: step.memo as JsonValue });
      return changes;
    },
  };
}

const leadTypes: ReadonlySet<string> = new Set(leadEventTypes);

/** A lead's event, not an anonymous visitor's: only those have a lead to keep a memo for. */
export function isLeadEvent(event: ProjectedEvent): event is ProjectedEventOf<LeadEventType> {
  return leadTypes.has(event.type);
}
