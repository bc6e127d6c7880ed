import type { JsonObject } from '@leadger/event-store';
import { leadEventTypes } from '@leadger/lead-domain';
import {
  Choice,
  Integer,
  Label,
  ListOf,
  Moment,
  OpenObject,
  Part,
  Position,
  Revision,
  Uuid,
} from '../http/answer-fields';
import type { HistoryEntry, LeadHistoryPage } from './lead-queries';

// `GET /leads/{leadId}/history` as the OpenAPI document describes it.

/** The metadata Leadger stores with every lead event (see EventMetadata). */
class EventMetadataView {
  @Label({ description: 'Who issued the command: a user or a service.' }) readonly actor: string;
  @Label({
    description: "The command that produced the event; the client's Idempotency-Key when one was sent.",
  })
  readonly commandId: string;
  @Label({ example: 'AcceptLead', description: "The command's type." }) readonly command: string;
  @Label() readonly correlationId: string;
  @Label() readonly causationId: string;
  @Moment({ description: 'When it happened in the business (may be in the past for imports).' })
  readonly occurredAt: string;
  @Moment({ description: 'When Leadger took it.' }) readonly recordedAt: string;
  @Integer({ example: 1 }) readonly schemaVersion: number;
  @Label({ nullable: true, description: '`hash` of the previous event in the stream; null for the first.' })
  readonly prevHash: string | null;
  @Label({ nullable: true, description: "Digest of the client's request; null when none was given." })
  readonly requestHash: string | null;
  @Label({ description: 'SHA-256 over the stream, revision, id, type, data and the rest of this metadata.' })
  readonly hash: string;
}

class HistoryEntryView implements HistoryEntry {
  @Revision() readonly revision: string;
  @Position() readonly position: string;
  @Uuid() readonly eventId: string;
  @Choice(leadEventTypes) readonly type: string;
  @OpenObject({ description: "The event's payload, as stored; its fields depend on `type`." })
  readonly data: JsonObject;
  @Part(() => EventMetadataView) readonly metadata: JsonObject;
}

export class LeadHistoryPageView implements LeadHistoryPage {
  @Uuid() readonly leadId: string;
  @ListOf(() => HistoryEntryView, { description: 'Oldest first.' }) readonly events: readonly HistoryEntry[];
  @Revision({
    nullable: true,
    description: 'Pass as `fromRevision` for the next page; null on the last page.',
  })
  readonly nextFromRevision: string | null;
}
