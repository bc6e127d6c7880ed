import { engagementKinds, type EngagementKind, type LeadCommandOf } from '@leadger/lead-domain';
import { Integer, Note, OneOf } from '../../validation/fields';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';

export class RecordEngagementDto extends CommandBody {
  @OneOf(engagementKinds, { example: 'content_download' }) readonly kind: EngagementKind;
  @Integer(-1000, 1000, { example: 10, description: 'Added to the lead score; may be negative.' })
  readonly scoreDelta: number;
  @Note({ optional: true }) readonly note?: string;
}

export function toRecordEngagement(
  leadId: string,
  body: RecordEngagementDto,
  fill: CommandFill,
): LeadCommandOf<'RecordEngagement'> {
  return command(
    'RecordEngagement',
    { leadId, kind: body.kind, scoreDelta: body.scoreDelta, note: body.note },
    fill,
  );
}
