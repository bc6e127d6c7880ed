import { Command } from 'commander';
import { allProjections, rebuildProjections } from '@leadger/projections';
import { UsageError } from '../errors';
import { wholeNumber } from '../options';
import { outputOptions, print, type OutputOptions } from '../output/print';
import { progressBar } from '../output/progress';
import { formatNumber, rate } from '../output/table';
import { rebuildAccess, withStores } from '../stores';

interface RebuildOptions extends OutputOptions {
  readonly batch: number;
}

const names = allProjections.map((projection) => projection.name);

export function rebuildCommand(): Command {
  return outputOptions(
    new Command('rebuild')
      .summary('drop and rebuild read models from the log')
      .description(
        'Drop read models and rebuild them from the event log. Only the read store is written: no ' +
          'policies run and nothing is appended. Refused (exit 3) while a live projector or another rebuild ' +
          'holds the read models.',
      )
      .argument('[projection...]', `read models to rebuild: ${names.join(', ')} (default: all)`)
      .option('--batch <events>', 'events per committed batch', wholeNumber(1, 100_000), 5000),
  ).action((wanted: string[], options: RebuildOptions) => rebuild(wanted, options));
}

async function rebuild(wanted: readonly string[], options: RebuildOptions): Promise<void> {
  const unknown = wanted.filter((name) => !names.includes(name));
  if (unknown.length > 0)
    throw new UsageError(`unknown read model ${unknown.join(', ')}; known: ${names.join(', ')}`);
  const projections =
    wanted.length === 0 ? allProjections : allProjections.filter((p) => wanted.includes(p.name));
  await withStores(async ({ eventStore, readStore }) => {
    const started = Date.now();
    const head = await eventStore.headPosition();
    const bar = progressBar('rebuild', { unit: 'events', total: Number(head), enabled: options.progress });
    let events = 0;
    const { position } = await rebuildProjections({
      eventStore,
      readStore,
      projections,
      batchSize: options.batch,
      onCommitted: (at, count) => bar.update(Number(at), (events += count)),
    }).finally(() => bar.stop());
    const ms = Date.now() - started;
    const rebuilt = projections.map((p) => p.name);
    print(options, { rebuilt, position, events, ms }, () =>
      [
        `rebuilt ${rebuilt.join(', ')} from ${formatNumber(events)} events`,
        `up to position ${position ?? 'none'} in ${(ms / 1000).toFixed(1)} s (${rate(events, ms)})`,
      ].join(' '),
    );
  }, rebuildAccess);
}
