import type { Spread } from '@leadger/projections';
import { Choice, Count, Millis, Moment, Position } from '../http/answer-fields';

// What the read-model answers share, documented once.

/** Count, mean and exact median of a set of durations. */
export class SpreadView implements Spread {
  @Count() readonly count: number;
  @Millis({ nullable: true, description: 'Null when the count is 0.' }) readonly meanMs: number | null;
  @Millis({ nullable: true, description: 'Null when the count is 0.' }) readonly medianMs: number | null;
  @Millis({ nullable: true, description: 'Nearest-rank 90th percentile; null when the count is 0.' })
  readonly p90Ms: number | null;
}

/** Every read-model answer says which position of the log it reflects. */
export abstract class ReadModelAnswer {
  @Position({
    nullable: true,
    description:
      'The log position the answer reflects at least; null before the read model has seen any event.',
  })
  readonly position: string | null;
}

/** A read model that can be replayed to a past moment with `?asOf=`. */
export abstract class AsOfAnswer extends ReadModelAnswer {
  @Moment({ optional: true, description: 'With `?asOf=`: the moment the read model was replayed to.' })
  readonly asOf?: string;
  @Choice(['occurredAt', 'recordedAt'], {
    optional: true,
    description: 'With `?asOf=`: the time of the events compared with it (`by=occurred` or `by=recorded`).',
  })
  readonly by?: 'occurredAt' | 'recordedAt';
}
