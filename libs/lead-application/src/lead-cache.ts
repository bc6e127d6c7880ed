import type { EventStore, RecordedEvent } from '@leadger/event-store';
import { evolve, initialState } from '@leadger/lead-domain';
import { leadStream, toLeadEvent, type LoadedLead } from './lead-stream';

/** A lead as the command path needs it: folded state, the last event (to chain to) and its command ids. */
export interface IndexedLead {
  /** `events` holds the last stored event only: enough to chain the next one to. */
  readonly lead: LoadedLead;
  /** The idempotency keys (commandIds) the stream holds. */
  readonly commandIds: ReadonlySet<string>;
}

/** Folds a fully read stream into an `IndexedLead`. */
export function indexLead(lead: LoadedLead): IndexedLead {
  return {
    lead: { ...lead, events: lead.events.slice(-1) },
    commandIds: new Set(lead.events.map((event) => String(event.metadata.commandId))),
  };
}

/**
 * Folded leads kept between commands, so a command on a long stream reads only the events stored since
 * the last one instead of the whole stream: the hot-lead path went from quadratic to linear. Every load
 * still reads the store from the cached revision on, so events written by other processes are folded in
 * and the state is as fresh as a full read. Least recently used leads are dropped past `capacity`.
 */
export class LeadCache {
  private readonly entries = new Map<string, { lead: LoadedLead; commandIds: Set<string> }>();

  constructor(private readonly capacity = 10_000) {}

  async load(store: EventStore, leadId: string): Promise<IndexedLead> {
    const cached = this.entries.get(leadId);
    const stream = leadStream(leadId);
    const from = cached && cached.lead.revision !== 'no_stream' ? cached.lead.revision + 1n : 0n;
    const read = await store.readStream(stream, { fromRevision: from });
    const fresh = read.found ? read.events : [];
    const entry = cached ?? {
      lead: { stream, events: [], state: initialState, revision: 'no_stream' as const },
      commandIds: new Set<string>(),
    };
    if (fresh.length > 0) entry.lead = advance(entry.lead, fresh, entry.commandIds);
    this.entries.delete(leadId);
    this.entries.set(leadId, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }

  /** Leads held; for tests and metrics. */
  get size(): number {
    return this.entries.size;
  }
}

function advance(lead: LoadedLead, fresh: readonly RecordedEvent[], commandIds: Set<string>): LoadedLead {
  let state = lead.state;
  for (const event of fresh) {
    state = evolve(state, toLeadEvent(event));
    commandIds.add(String(event.metadata.commandId));
  }
  const last = fresh[fresh.length - 1];
  return { stream: lead.stream, events: [last], state, revision: last.revision };
}
