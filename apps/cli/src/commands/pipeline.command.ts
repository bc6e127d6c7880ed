import { Command, Option } from 'commander';
import { loadRules } from '@leadger/policy-runtime';
import { pipeline, pipelineProjection, type PipelineAnswer } from '@leadger/projections';
import type { ReadStore } from '@leadger/read-store';
import { day } from '../options';
import { outputOptions } from '../output/print';
import { duration, formatNumber, percent, table } from '../output/table';
import { readOnly, withStores } from '../stores';
import { asOfOptions, printQuery, type AsOfOptions } from './as-of';

interface PipelineOptions extends AsOfOptions {
  readonly owner?: string;
  readonly origin?: 'marketing' | 'sales';
  readonly closedFrom?: string;
  readonly closedTo?: string;
}

export function pipelineCommand(): Command {
  const command = new Command('pipeline')
    .summary('the sales pipeline, live or --as-of a past moment')
    .description(
      'The sales pipeline: open deals by stage and owner, won and lost deals, win rate, sales cycle; new business and expansion apart.',
    )
    .option('--owner <owner>', "only this owner's deals")
    .addOption(
      new Option(
        '--origin <who>',
        'only the deals of leads marketing found, or of those sales found',
      ).choices(['marketing', 'sales']),
    )
    .option('--closed-from <day>', 'first close day (UTC) of won and lost deals, inclusive', day)
    .option('--closed-to <day>', 'last close day (UTC) of won and lost deals, inclusive', day);
  return outputOptions(asOfOptions(command)).action((options: PipelineOptions) => run(options));
}

async function run(options: PipelineOptions): Promise<void> {
  const { owner, origin, closedFrom, closedTo } = options;
  await withStores(async (stores) => {
    // Weighted by the win probabilities of the rules file (LEADGER_POLICIES), checked before anything is read.
    const probabilities = loadRules(stores.config.policiesFile).rules.winProbabilities;
    const query = (store: ReadStore) =>
      pipeline(store, { owner, origin, closedFrom, closedTo, probabilities });
    await printQuery(stores, pipelineProjection, options, query, human);
  }, readOnly);
}

function human(answer: PipelineAnswer, source: string): string {
  const { open, closed } = answer;
  const money = (n: number) => formatNumber(n);
  return [
    `Pipeline — ${source}`,
    '',
    'Open deals by stage:',
    table(
      ['stage', 'probability', 'deals', 'amount', 'weighted'],
      [
        ...open.byStage.map((s) => [
          s.stage,
          percent(answer.probabilities[s.stage]),
          s.count,
          s.amount,
          s.weightedAmount,
        ]),
        ['total', '', open.total.count, open.total.amount, open.total.weightedAmount],
      ],
    ),
    '',
    'Open deals by owner:',
    table(
      ['owner', 'deals', 'amount', 'weighted'],
      open.byOwner.map((o) => [o.owner, o.count, o.amount, o.weightedAmount]),
    ),
    '',
    `Closed: won ${closed.won.count} (${money(closed.won.amount)}), lost ${closed.lost.count} ` +
      `(${money(closed.lost.amount)}), win rate ${percent(closed.winRate)}; sales cycle median ` +
      `${duration(closed.salesCycle.medianMs)}, mean ${duration(closed.salesCycle.meanMs)} over ${closed.salesCycle.count} deals`,
    '',
    'Lost by reason:',
    table(
      ['reason', 'deals', 'amount'],
      closed.lostByReason.map((r) => [r.reason, r.count, r.amount]),
    ),
    '',
    'Lost from stage:',
    table(
      ['stage', 'deals', 'amount'],
      closed.lostByStage.map((r) => [r.stage, r.count, r.amount]),
    ),
    '',
    'New business and expansion:',
    table(
      ['opportunities', 'open', 'open amount', 'won', 'won amount', 'lost', 'lost amount', 'win rate'],
      (['newBusiness', 'expansion'] as const).map((segment) => {
        const part = answer[segment];
        const { won, lost, winRate } = part.closed;
        const name = segment === 'newBusiness' ? 'new business' : 'expansion';
        return [
          name,
          part.open.total.count,
          part.open.total.amount,
          won.count,
          won.amount,
          lost.count,
          lost.amount,
          percent(winRate),
        ];
      }),
    ),
  ].join('\n');
}
