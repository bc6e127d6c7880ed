import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  foldLeadDetails,
  LeadNotFoundError,
  leadStream,
  loadLead,
  openPersonalData,
  type LeadIdentity,
  type PersonalDataView,
} from '@leadger/lead-application';
import { type EventStore, type JsonObject, type RecordedEvent } from '@leadger/event-store';
import {
  allowedCommands,
  upcast,
  type ExistingLeadDetails,
  type LeadCommandType,
} from '@leadger/lead-domain';
import type { Caller } from '../auth/caller';
import { LEAD_IDENTITY } from '../auth/identity.module';
import { leadSight, type LeadSight } from '../auth/lead-access';
import { EVENT_STORE } from '../event-store/event-store.module';

export type LeadView = ExistingLeadDetails & {
  readonly revision: string;
  /** Commands legal from here, so a client can offer only those. */
  readonly allowedCommands: readonly LeadCommandType[];
  /** Whether the personal fields are shown, masked for this reader, or gone because the lead was erased. */
  readonly personalData: PersonalDataView;
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
  readonly personalData: PersonalDataView;
}

export class GetLead extends Query<LeadView> {
  constructor(
    readonly leadId: string,
    readonly caller: Caller,
  ) {
    super();
  }
}

export class GetLeadHistory extends Query<LeadHistoryPage> {
  constructor(
    readonly leadId: string,
    readonly fromRevision: bigint,
    readonly limit: number,
    readonly caller: Caller,
  ) {
    super();
  }
}

/** The key that opens the lead's personal fields for this reader, and what the reader sees of them. */
async function personalView(
  identity: LeadIdentity,
  leadId: string,
  sight: LeadSight,
  erased: boolean,
): Promise<{ view: PersonalDataView; key: Buffer | null }> {
  if (sight === 'masked') return { view: 'masked', key: null };
  const key = erased ? null : await identity.personalData.openingKey(leadId);
  return key ? { view: 'shown', key } : { view: 'erased', key: null };
}

const erasedIn = (events: readonly RecordedEvent[]) => events.some((event) => event.type === 'LeadErased');

@QueryHandler(GetLead)
export class GetLeadHandler implements IQueryHandler<GetLead, LeadView> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEAD_IDENTITY) private readonly identity: LeadIdentity,
  ) {}

  async execute({ leadId, caller }: GetLead): Promise<LeadView> {
    const lead = await loadLead(this.store, leadId);
    if (lead.state.stage === 'none' || lead.revision === 'no_stream') throw new LeadNotFoundError(leadId);
    const sight = leadSight(caller, lead.state, lead.events);
    const { view, key } = await personalView(this.identity, leadId, sight, erasedIn(lead.events));
    const opened = lead.events.map((event) => ({ ...event, data: openPersonalData(event.data, key) }));
    const details = foldLeadDetails(opened);
    if (details.stage === 'none') throw new LeadNotFoundError(leadId);
    return {
      ...details,
      revision: lead.revision.toString(),
      allowedCommands: allowedCommands(lead.state),
      personalData: view,
    };
  }
}

@QueryHandler(GetLeadHistory)
export class GetLeadHistoryHandler implements IQueryHandler<GetLeadHistory, LeadHistoryPage> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEAD_IDENTITY) private readonly identity: LeadIdentity,
  ) {}

  async execute({ leadId, fromRevision, limit, caller }: GetLeadHistory): Promise<LeadHistoryPage> {
    // Who may read it, and whether the lead was erased, is a matter of the whole stream, not of one page.
    const lead = await loadLead(this.store, leadId);
    if (lead.revision === 'no_stream') throw new LeadNotFoundError(leadId);
    const sight = leadSight(caller, lead.state, lead.events);
    const { view, key } = await personalView(this.identity, leadId, sight, erasedIn(lead.events));
    const read = await this.store.readStream(leadStream(leadId), { fromRevision, maxCount: limit + 1 });
    const page = read.found ? read.events.slice(0, limit) : [];
    return {
      leadId,
      events: page.map((event) => ({
        revision: event.revision.toString(),
        position: event.position.toString(),
        eventId: event.id,
        type: event.type,
        data: openPersonalData(upcast(event.type, event.data), key),
        // Events older than 0.3 have no `policy`: absent values are null, never missing.
        metadata: { policy: null, ...event.metadata },
      })),
      nextFromRevision:
        read.found && read.events.length > limit ? read.events[limit].revision.toString() : null,
      personalData: view,
    };
  }
}
