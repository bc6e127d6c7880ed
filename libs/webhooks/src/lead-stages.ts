import type { EventStore, RecordedEvent } from '@leadger/event-store';
import { foldLead, LEAD_STREAM_PREFIX, toLeadEvent } from '@leadger/lead-application';
import { evolve, type LeadState } from '@leadger/lead-domain';
import type { StageChange } from './selectors';

/**
 * Each lead's stage before and after an event, for deliveries that say both. Follows the leads a
 * subscription has seen (at most `capacity`, least recently seen dropped); a lead first seen mid-stream (a
 * restart, or one dropped) is folded from its stream up to the event.
 */
export class LeadStages {
  private readonly leads = new Map<string, { readonly state: LeadState; readonly revision: bigint }>();

  constructor(
    private readonly store: EventStore,
    private readonly capacity = 50_000,
  ) {}

  async change(event: RecordedEvent): Promise<StageChange> {
    const leadId = event.streamName.slice(LEAD_STREAM_PREFIX.length);
    const seen = this.leads.get(leadId);
    const before = seen && seen.revision === event.revision - 1n ? seen.state : await this.foldBefore(event);
    const after = evolve(before, toLeadEvent(event));
    this.leads.delete(leadId);
    if (this.leads.size >= this.capacity) this.leads.delete(this.leads.keys().next().value as string);
    this.leads.set(leadId, { state: after, revision: event.revision });
    return { before: before.stage, after: after.stage };
  }

  private async foldBefore(event: RecordedEvent): Promise<LeadState> {
    if (event.revision === 0n) return foldLead([]);
    const read = await this.store.readStream(event.streamName, { maxCount: Number(event.revision) });
    return foldLead(read.found ? read.events : []);
  }
}
