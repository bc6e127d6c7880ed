import type { PersonalDataView } from '@leadger/lead-application';
import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type { JsonObject } from '@leadger/event-store';
import { leadEventTypes, type LeadEventType } from '@leadger/lead-domain';
import { Choice, Integer, Label, Moment, Part, Position, Revision, Uuid } from '../http/answer-fields';
import { eventData } from './lead-event-data.dto';
import type { HistoryEntry, LeadHistoryPage } from './lead-queries';

// `GET /leads/{leadId}/history` as the OpenAPI document describes it: one entry schema per event type, told
// apart by `type`, each with the payload of that type.

/** Which policy moved the lead (see PolicyStamp). */
class PolicyStampView {
  @Label({
    example: 'auto-mql',
    description: 'The policy: auto-mql, routing, sla-breach, nurture-due or after-sale.',
  })
  readonly name: string;
  @Label({
    example: 'mql.rules.enterprise-fit',
    description: 'Where in the rules document the decision came from.',
  })
  readonly rule: string;
  @Label({
    description:
      'The digest of the rules in force (GET /policies; PoliciesChanged in the `policies` stream).',
  })
  readonly digest: string;
}

/** The metadata Leadger stores with every lead event (see EventMetadata). */
class EventMetadataView {
  @Label({
    description:
      'Who issued the command: the authenticated principal (`cli:<user>` from the CLI, `policy:<name>` for a policy).',
  })
  readonly actor: string;
  @Label({ nullable: true, description: 'The person a service acted for (X-On-Behalf-Of), if any.' })
  readonly onBehalfOf: string | null;
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
  @Part(() => PolicyStampView, {
    nullable: true,
    description:
      'The policy that issued the command, by which rule and rules digest; null for a person or service.',
  })
  readonly policy: PolicyStampView | null;
  @Label({ description: 'SHA-256 over the stream, revision, id, type, data and the rest of this metadata.' })
  readonly hash: string;
}

abstract class HistoryEntryView implements HistoryEntry {
  @Revision() readonly revision: string;
  @Position() readonly position: string;
  @Uuid() readonly eventId: string;
  abstract readonly type: LeadEventType;
  abstract readonly data: JsonObject;
  @Part(() => EventMetadataView) readonly metadata: JsonObject;
}

/** The history entry of one event type, named after it (`DealWonEntry`). */
function entryOf(type: LeadEventType): new () => HistoryEntryView {
  class Entry extends HistoryEntryView {
    @Choice([type]) readonly type: LeadEventType;
    @Part(() => eventData[type]) readonly data: JsonObject;
  }
  Object.defineProperty(Entry, 'name', { value: `${type}Entry` });
  return Entry;
}

const entries = leadEventTypes.map(entryOf);

export class LeadHistoryPageView implements LeadHistoryPage {
  @Uuid() readonly leadId: string;
  @ApiProperty({
    description: 'Oldest first; `type` says which payload `data` holds.',
    type: 'array',
    items: {
      oneOf: entries.map((entry) => ({ $ref: getSchemaPath(entry) })),
      discriminator: {
        propertyName: 'type',
        mapping: Object.fromEntries(entries.map((entry, i) => [leadEventTypes[i], getSchemaPath(entry)])),
      },
    },
  })
  readonly events: readonly HistoryEntry[];
  @Revision({
    nullable: true,
    description: 'Pass as `fromRevision` for the next page; null on the last page.',
  })
  readonly nextFromRevision: string | null;
  @Choice(['shown', 'masked', 'erased'], {
    description: 'Whether personal fields in `data` are shown, masked for this reader, or gone (erased).',
  })
  readonly personalData: PersonalDataView;
}

/** The 200 of `GET /leads/{leadId}/history`: one page of events. */
export function LeadHistoryResponse(): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(...entries),
    ApiOkResponse({ type: LeadHistoryPageView, description: 'One page of the history.' }),
  );
}
