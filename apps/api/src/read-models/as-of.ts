import { Inject, Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { EventStore } from '@leadger/event-store';
import { QueryInputError, replayAsOf, type Projection } from '@leadger/projections';
import type { ReadStore } from '@leadger/read-store';
import { EVENT_STORE } from '../event-store/event-store.module';
import { OneOf } from '../validation/fields';
import { AfterQueryDto } from './read-your-writes';

const MOMENT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/i;

/** `?asOf=` and `?by=`: a read model as it stood at a past moment, replayed from the log. */
export class AsOfQueryDto extends AfterQueryDto {
  @ApiPropertyOptional({
    description:
      'The read model as it stood at this moment, replayed from the event log (a day means its start, UTC; ' +
      'a date-time needs a zone). `after` is not needed then: the replay reads the log itself.',
    example: '2026-01-01',
  })
  @IsOptional()
  @Matches(MOMENT, { message: '$property must be a day (YYYY-MM-DD) or an ISO-8601 date-time with a zone' })
  readonly asOf?: string;

  @OneOf(['occurred', 'recorded'], {
    optional: true,
    description:
      'With asOf: keep the events that happened before it (business time, default) or that the store had ' +
      'taken by then (as recorded then).',
  })
  readonly by?: 'occurred' | 'recorded';
}

/** Replays one projection up to a moment into a throwaway store, answers from it, and drops it. */
@Injectable()
export class AsOfReplay {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async read<T>(
    projection: Projection,
    query: Pick<AsOfQueryDto, 'asOf' | 'by'>,
    answer: (store: ReadStore) => Promise<T>,
  ): Promise<T & { asOf: string; by: 'occurredAt' | 'recordedAt' }> {
    const text = query.asOf ?? '';
    const day = text.slice(0, 10);
    const moment = new Date(text.length > 10 ? text : `${day}T00:00:00.000Z`);
    // Date parsing rolls 2026-02-30 over into March: the calendar day must exist as written.
    if (Number.isNaN(moment.getTime()) || !new Date(`${day}T00:00:00Z`).toISOString().startsWith(day))
      throw new QueryInputError('asOf', 'must be a day that exists');
    const by = query.by === 'recorded' ? 'recordedAt' : 'occurredAt';
    const store = await replayAsOf({ eventStore: this.eventStore, moment, by, projections: [projection] });
    try {
      return { ...(await answer(store)), asOf: moment.toISOString(), by };
    } finally {
      await store.close();
    }
  }
}
