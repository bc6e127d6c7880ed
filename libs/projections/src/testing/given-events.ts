import type { LeadEvent, SuspectEvent } from '@leadger/lead-domain';
import type { Change } from '@leadger/read-store';
import type { Projection, ProjectedEvent } from '../projection';

/** A read model held in plain objects: hashes as field → value, sorted sets as member → score. */
export interface Model {
  readonly hashes: Record<string, Record<string, string>>;
  readonly zsets: Record<string, Record<string, number>>;
}

/** Events positioned 1, 2, 3… in the order given, recorded when they occurred, numbered in their streams. */
export function positioned(events: readonly (LeadEvent | SuspectEvent)[]): ProjectedEvent[] {
  const revisions = new Map<string, bigint>();
  return events.map((event, i) => {
    // A spec's suspect events are one visitor's.
    const stream =
      'leadId' in event.data && event.type !== 'SuspectIdentified' ? `lead-${event.data.leadId}` : 'suspect';
    const revision = revisions.get(stream) ?? 0n;
    revisions.set(stream, revision + 1n);
    return { ...event, position: BigInt(i + 1), revision, recordedAt: event.metadata.occurredAt };
  });
}

/** The events with occurredAt moved to `start`, `start + step`, `start + 2·step`…, to measure intervals. */
export function spaced(events: readonly LeadEvent[], start: string, stepMs: number): LeadEvent[] {
  const first = Date.parse(start);
  return events.map((event, i) => ({
    ...event,
    metadata: { occurredAt: new Date(first + i * stepMs).toISOString() },
  })) as LeadEvent[];
}

/** Runs the events through one projection, one at a time, and returns the read model it leaves. */
export function project(projection: Projection, events: readonly (LeadEvent | SuspectEvent)[]): Model {
  const model: Model = { hashes: {}, zsets: {} };
  const hget = (key: string, field: string) => model.hashes[key]?.[field];
  const view = { hget, doc: <T>(key: string, field: string) => parse<T>(hget(key, field)) };
  for (const event of positioned(events)) {
    if (!projection.eventTypes.includes(event.type)) continue;
    for (const change of projection.apply(view, event)) apply(model, change);
  }
  return model;
}

function apply(model: Model, change: Change): void {
  const hash = (model.hashes[change.key] ??= {});
  switch (change.op) {
    case 'hset':
      hash[change.field] = change.value;
      break;
    case 'hsetdoc':
      hash[change.field] = JSON.stringify(change.doc);
      break;
    case 'hdel':
      delete hash[change.field];
      break;
    case 'hincr':
      hash[change.field] = String(Number(hash[change.field] ?? 0) + change.by);
      break;
    case 'zadd':
      (model.zsets[change.key] ??= {})[change.member] = change.score;
      break;
    case 'zrem':
      delete model.zsets[change.key]?.[change.member];
      break;
  }
  if (Object.keys(hash).length === 0) delete model.hashes[change.key];
}

/** A stored JSON document of the model, parsed. */
export function doc<T>(model: Model, key: string, field: string): T | undefined {
  return parse<T>(model.hashes[key]?.[field]);
}

function parse<T>(value: string | undefined): T | undefined {
  return value === undefined ? undefined : (JSON.parse(value) as T);
}
