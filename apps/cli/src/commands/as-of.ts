import { Command, Option } from 'commander';
import { replayAsOf, type Projection } from '@leadger/projections';
import type { ReadStore } from '@leadger/read-store';
import { clockField, clocks, moment, type Clock } from '../options';
import { print, type OutputOptions } from '../output/print';
import { progressBar } from '../output/progress';
import type { Stores } from '../stores';

export interface AsOfOptions extends OutputOptions {
  readonly asOf?: Date;
  readonly by?: Clock;
}

/** `--as-of` and `--by`, shared by the read-model queries. */
export function asOfOptions(command: Command): Command {
  return command
    .option(
      '--as-of <moment>',
      'the read model as it stood then, replayed from the log: a day (its start, UTC) or a date-time with a ' +
        'zone; default: the live read model',
      moment,
    )
    .addOption(
      new Option(
        '--by <clock>',
        'with --as-of: keep the events that happened before it (occurred) or that the store had taken by then (recorded)',
      )
        .choices(clocks)
        .default('occurred'),
    );
}

/** Where a query reads: the moment it reflects and the store to ask; `release` when done. */
export interface QuerySource {
  readonly asOf: string | null;
  readonly by: 'occurredAt' | 'recordedAt' | null;
  readonly store: ReadStore;
  release(): Promise<void>;
}

/**
 * With `--as-of`, replays the one projection the query needs over the events before that moment into a
 * throwaway store (the live read models are not touched); without, the live read models.
 */
export async function querySource(
  stores: Stores,
  projection: Projection,
  options: AsOfOptions,
): Promise<QuerySource> {
  if (!options.asOf) {
    return { asOf: null, by: null, store: stores.readStore, release: async () => undefined };
  }
  const { eventStore } = stores;
  const head = await eventStore.headPosition();
  const bar = progressBar('replay', { unit: 'events', total: Number(head), enabled: options.progress });
  let events = 0;
  const by = clockField(options.by);
  const store = await replayAsOf({
    eventStore,
    moment: options.asOf,
    by,
    projections: [projection],
    onCommitted: (position, count) => bar.update(Number(position), (events += count)),
  }).finally(() => bar.stop());
  return { asOf: options.asOf.toISOString(), by, store, release: () => store.close() };
}

/** "as of 2025-06-30T00:00:00.000Z (by occurredAt)" or "live". */
export function describeSource(source: Pick<QuerySource, 'asOf' | 'by'>, position: string | null): string {
  const at = position === null ? 'no events' : `position ${position}`;
  return source.asOf
    ? `as of ${source.asOf} (by ${source.by}), replayed to ${at}`
    : `live read model at ${at}`;
}

/**
 * Answers one read-model query live or `--as-of`, prints it (JSON with `asOf` and `by`, or `text` of the
 * answer and where it was read), and drops a replayed store.
 */
export async function printQuery<Answer extends { readonly position: string | null }>(
  stores: Stores,
  projection: Projection,
  options: AsOfOptions,
  query: (store: ReadStore) => Promise<Answer>,
  text: (answer: Answer, source: string) => string,
): Promise<void> {
  const from = await querySource(stores, projection, options);
  try {
    const answer = await query(from.store);
    print(options, { asOf: from.asOf, by: from.by, ...answer }, () =>
      text(answer, describeSource(from, answer.position)),
    );
  } finally {
    await from.release();
  }
}
