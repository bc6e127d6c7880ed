import { Command, Option } from 'commander';
import { funnel, funnelProjection, type FunnelAnswer, type FunnelFigures } from '@leadger/projections';
import type { ReadStore } from '@leadger/read-store';
import { day } from '../options';
import { outputOptions } from '../output/print';
import { duration, formatNumber, percent, table } from '../output/table';
import { readOnly, withStores } from '../stores';
import { asOfOptions, printQuery, type AsOfOptions } from './as-of';
import { runCampaigns, runParts, runStages, type StagesOptions } from './funnel-stages';

interface FunnelOptions extends AsOfOptions, Omit<StagesOptions, 'groupBy'> {
  readonly parts?: boolean;
  readonly campaigns?: boolean;
  readonly stages?: boolean;
  readonly groupBy?: 'source' | 'campaign' | 'cohort' | 'origin' | 'owner';
  readonly cohort?: 'day' | 'month';
  readonly origin?: 'marketing' | 'sales';
  readonly capturedFrom?: string;
  readonly capturedTo?: string;
  readonly source?: string;
  readonly campaign?: string;
}

export function funnelCommand(): Command {
  const command = new Command('funnel')
    .summary('the marketing funnel, live or --as-of a past moment')
    .description(
      'The marketing funnel: anonymous visitors and those who became leads, leads that reached each stage, ' +
        'conversions, outcomes and times; split by origin so marketing is not credited with leads sales ' +
        'found. With --parts, the funnel as ToFu / MoFu / BoFu / customers (as the rules file maps them); ' +
        'with --stages, time in every stage; with --campaigns, campaign influence (deals won in --from..--to).',
    )
    .addOption(
      new Option('--group-by <what>', 'split the figures (owner: with --stages)').choices([
        'source',
        'campaign',
        'cohort',
        'origin',
        'owner',
      ]),
    )
    .addOption(
      new Option('--origin <who>', 'only leads marketing found, or those sales found').choices([
        'marketing',
        'sales',
      ]),
    )
    .addOption(
      new Option('--cohort <length>', 'cohort length for --group-by cohort').choices(['day', 'month']),
    )
    .option('--captured-from <day>', 'first capture day (UTC), inclusive', day)
    .option('--captured-to <day>', 'last capture day (UTC), inclusive', day)
    .option('--source <source>', 'only leads captured from this source')
    .option('--campaign <campaign>', 'only leads captured for this campaign')
    .addOption(
      new Option('--parts', 'the funnel as its parts, with the team that owns each').conflicts([
        'stages',
        'campaigns',
      ]),
    )
    .addOption(
      new Option(
        '--campaigns',
        'campaign influence: open and won amounts of the deals whose leads touched each campaign',
      ).conflicts('stages'),
    )
    .option('--stages', 'time in every stage, opportunity stages included: now, entries, median and p90')
    .option('--from <day>', 'with --parts, --stages or --campaigns: first day (UTC) of the period', day)
    .option(
      '--to <day>',
      'with --parts, --stages or --campaigns: last day (UTC) of the period, inclusive',
      day,
    )
    .option('--owner <owner>', 'with --stages: only the stays that were this owner’s');
  return outputOptions(asOfOptions(command)).action((options: FunnelOptions) => {
    if (options.parts) return runParts({ ...options, groupBy: undefined });
    if (options.campaigns) return runCampaigns({ ...options, groupBy: undefined });
    if (options.stages) {
      if (options.groupBy !== undefined && options.groupBy !== 'source' && options.groupBy !== 'owner')
        command.error('error: --stages groups by source or owner', { exitCode: 2 });
      return runStages({ ...options, groupBy: options.groupBy as StagesOptions['groupBy'] });
    }
    if (options.groupBy === 'owner') command.error('error: --group-by owner needs --stages', { exitCode: 2 });
    return run(options);
  });
}

async function run(options: FunnelOptions): Promise<void> {
  const { groupBy, cohort, capturedFrom, capturedTo, source, campaign, origin } = options;
  await withStores(async (stores) => {
    const query = (store: ReadStore) =>
      funnel(store, {
        groupBy: groupBy === 'owner' ? undefined : groupBy,
        cohort,
        capturedFrom,
        capturedTo,
        source,
        campaign,
        origin,
      });
    const text = (answer: FunnelAnswer, where: string) => human(answer, where, groupBy);
    await printQuery(stores, funnelProjection, options, query, text);
  }, readOnly);
}

const stages = ['lead', 'mql', 'sal', 'sql', 'won'] as const;
const conversions = ['leadToMql', 'mqlToSal', 'salToSql', 'sqlToWon', 'leadToWon'] as const;

function human(answer: FunnelAnswer, source: string, groupBy: string | undefined): string {
  const { total } = answer;
  const lines = [
    `Funnel — ${source}`,
    '',
    suspectsLine(total),
    '',
    stageTable(total),
    '',
    outcomesLine(total),
    '',
    timesTable(total),
  ];
  if (answer.groups) {
    lines.push('', `By ${groupBy}:`, '');
    lines.push(
      table(
        [groupBy ?? 'group', ...stages, ...conversions.map((c) => c.replace('To', '→').toLowerCase())],
        answer.groups.map(({ key, figures }) => [
          key ?? '(none)',
          ...stages.map((s) => figures.reached[s]),
          ...conversions.map((c) => percent(figures.conversion[c])),
        ]),
      ),
    );
  }
  return lines.join('\n');
}

function stageTable(figures: FunnelFigures): string {
  const next: Record<string, keyof FunnelFigures['conversion'] | undefined> = {
    mql: 'leadToMql',
    sal: 'mqlToSal',
    sql: 'salToSql',
    won: 'sqlToWon',
  };
  return table(
    ['stage', 'reached', 'from previous'],
    stages.map((stage) => {
      const conversion = next[stage];
      return [stage, figures.reached[stage], conversion ? percent(figures.conversion[conversion]) : ''];
    }),
  );
}

function suspectsLine({ suspects }: FunnelFigures): string {
  const { visitors, becameLeads, visitorToLead, firstTouchToLead } = suspects;
  return (
    `Anonymous visitors ${formatNumber(visitors)}, became leads ${formatNumber(becameLeads)} ` +
    `(${percent(visitorToLead)}); first touch → capture median ${duration(firstTouchToLead.medianMs)}`
  );
}

function outcomesLine(figures: FunnelFigures): string {
  const parts = Object.entries(figures.outcomes).map(
    ([outcome, count]) => `${outcome} ${formatNumber(count)}`,
  );
  return `Outcomes: ${parts.join(', ')}; lead → won ${percent(figures.conversion.leadToWon)}`;
}

function timesTable(figures: FunnelFigures): string {
  return table(
    ['time between', 'leads', 'median', 'mean'],
    Object.entries(figures.times).map(([interval, spread]) => [
      interval,
      spread.count,
      duration(spread.medianMs),
      duration(spread.meanMs),
    ]),
  );
}
