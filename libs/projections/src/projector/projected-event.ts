import type { RecordedEvent } from '@leadger/event-store';
import { hasCurrentShape, leadEventTypes, suspectEventTypes, upcast } from '@leadger/lead-domain';
import type { ProjectedEvent } from '../projection';

const known = new Set<string>([...leadEventTypes, ...suspectEventTypes]);

/**
 * A stored lead event as projections see it, or `null` for a type this code does not know (a newer
 * writer's): projections pass over it, and their checkpoints still move past it.
 */
export function toProjectedEvent(event: RecordedEvent): ProjectedEvent | null {
  if (!known.has(event.type)) return null;
  const { occurredAt, recordedAt } = event.metadata;
  return {
    type: event.type,
    // Projections pick fields by name, never the data whole: an event that lacks no field is not copied.
    data: hasCurrentShape(event.type, event.data) ? event.data : upcast(event.type, event.data),
    metadata: { occurredAt: String(occurredAt) },
    position: event.position,
    revision: event.revision,
    recordedAt: typeof recordedAt === 'string' ? recordedAt : event.created.toISOString(),
  } as ProjectedEvent;
}
