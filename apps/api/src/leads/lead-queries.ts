import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { foldLeadDetails, LeadNotFoundError, leadStream, loadLead } from '@leadger/lead-application';
import { type EventStore, type JsonObject } from '@leadger/event-store';
import { allowedCommands, type ExistingLeadDetails, type LeadCommandType } from '@leadger/lead-domain';
import { EVENT_STORE } from '../event-store/event-store.module';

export type LeadView = ExistingLeadDetails & {
  readonly revision: string;
  /** Commands legal from here, so a client can offer only those. */
  readonly allowedCommands: readonly LeadCommandType[];
};

export interface HistoryEntry {
  readonly revision: string;
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

export interface LeadHistoryPage {
  readonly leadId: string;
  readonly events: readonly HistoryEntry[];
  /** Pass as `fromRevision` for the next page; null on the last page. */
  readonly nextFromRevision: string | null;
}

export class GetLead extends Query<LeadView> {
  constructor(readonly leadId: string) {
    super();
  }
}

export class GetLeadHistory extends Query<LeadHistoryPage> {
  constructor(
    readonly leadId: string,
    readonly fromRevision: bigint,
    readonly limit: number,
  ) {
    super();
  }
}

@QueryHandler(GetLead)
export class GetLeadHandler implements IQueryHandler<GetLead, LeadView> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ leadId }: GetLead): Promise<LeadView> {
    const lead = await loadLead(this.store, leadId);
    const details = foldLeadDetails(lead.events);
    if (details.stage === 'none' || lead.revision === 'no_stream') throw new LeadNotFoundError(leadId);
    return {
      ...details,
      revision: lead.revision.toString(),
      allowedCommands: allowedCommands(lead.state),
    };
  }
}

@QueryHandler(GetLeadHistory)
export class GetLeadHistoryHandler implements IQueryHandler<GetLeadHistory, LeadHistoryPage> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ leadId, fromRevision, limit }: GetLeadHistory): Promise<LeadHistoryPage> {
    const read = await this.store.readStream(leadStream(leadId), { fromRevision, maxCount: limit + 1 });
    if (!read.found) throw new LeadNotFoundError(leadId);
    const page = read.events.slice(0, limit);
    return {
      leadId,
      events: page.map((event) => ({
        revision: event.revision.toString(),
        position: event.position.toString(),
        eventId: event.id,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
      })),
      nextFromRevision: read.events.length > limit ? read.events[limit].revision.toString() : null,
    };
  }
}
