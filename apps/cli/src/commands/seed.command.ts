import { availableParallelism } from 'node:os';
import { Command } from 'commander';
import { DEFAULT_SEED_FROM, seedHistory } from '@leadger/seed';
import { moment, wholeNumber } from '../options';
import { outputOptions, print, type OutputOptions } from '../output/print';
import { progressBar } from '../output/progress';
import { formatNumber, rate } from '../output/table';
import { withStores } from '../stores';

interface SeedOptions extends OutputOptions {
  readonly leads: number;
  readonly seed: number;
  readonly from: Date;
  readonly days: number;
  readonly workers: number;
}

export function seedCommand(): Command {
  return outputOptions(
    new Command('seed')
      .summary('write a deterministic synthetic year of leads')
      .description(
        'Writes a synthetic, deterministic history of leads over a year — captures by source, engagement, ' +
          'MQLs, handoffs accepted or rejected by source, deals won and lost with reasons, recycling and ' +
          're-engagement — for demos, tests and benchmarks. The same --seed gives the same leads and events ' +
          "(personal fields sealed under this data dir's keys); running it again writes nothing new.",
      )
      .requiredOption('--leads <n>', 'how many leads', wholeNumber(1, 100_000_000))
      .option('--seed <s>', 'random seed', wholeNumber(0, 2 ** 31 - 1), 1)
      .option('--from <day>', 'first day of the simulated period', moment, DEFAULT_SEED_FROM)
      .option('--days <n>', 'length of the simulated period in days', wholeNumber(1, 3650), 365)
      .option(
        '--workers <n>',
        'threads that build histories while this one appends (0: build here too); the events are the same',
        wholeNumber(0, 16),
        Math.min(4, availableParallelism() - 1),
      ),
  ).action((options: SeedOptions) => seed(options));
}

async function seed(options: SeedOptions): Promise<void> {
  await withStores(async (stores) => {
    const identity = await stores.identity();
    const started = Date.now();
    const bar = progressBar('seed', { unit: 'events', total: options.leads, enabled: options.progress });
    const result = await seedHistory(stores.eventStore, identity, {
      leads: options.leads,
      seed: options.seed,
      from: options.from,
      days: options.days,
      workers: options.workers,
      onProgress: (progress) => bar.update(progress.leads, progress.events),
    }).finally(() => bar.stop());
    const ms = Date.now() - started;
    const answer = {
      ...result,
      seed: options.seed,
      from: options.from.toISOString(),
      days: options.days,
      ms,
    };
    print(
      options,
      answer,
      () =>
        `seeded ${formatNumber(result.leads)} leads, ${formatNumber(result.events)} events (seed ${options.seed}, ` +
        `${options.days} days from ${answer.from.slice(0, 10)}) in ${(ms / 1000).toFixed(1)} s — ${rate(result.events, ms)}`,
    );
  });
}
