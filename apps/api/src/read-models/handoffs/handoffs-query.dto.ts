import { decisions, type HandoffDecision } from '@leadger/projections';
import { AfterQueryDto } from '../read-your-writes';
import { OneOf } from '../../validation/fields';
import { Cursor, QueryFlag, QueryInteger, QueryText } from '../../validation/query-fields';

export class HandoffsQueryDto extends AfterQueryDto {
  @QueryText({ description: 'Only entries handed or reassigned to this owner.', example: 'ana@sales' })
  readonly owner?: string;

  @OneOf(decisions, { optional: true, description: "Only entries with this decision (the entry's status)." })
  readonly status?: HandoffDecision;

  @QueryFlag({ description: 'Only entries that breached (true) or kept (false) their SLA, as of now.' })
  readonly breached?: boolean;

  @Cursor()
  readonly cursor?: string;

  @QueryInteger(1, 500, { description: 'Entries per page, default 50.' })
  readonly limit?: number;
}
