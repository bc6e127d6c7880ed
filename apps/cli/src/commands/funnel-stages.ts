import { loadRules } from '@leadger/policy-runtime';
import {
  campaignInfluence,
  campaignsProjection,
  funnelParts,
  stageTimes,
  stagesProjection,
  type CampaignInfluenceAnswer,
  type FunnelPartsAnswer,
  type StageFigures,
  type StageTimesAnswer,
} from '@leadger/projections';
import { print } from '../output/print';
import { duration, formatNumber, percent, table } from '../output/table';
import { readOnly, withStores } from '../stores';
import { describeSource, querySource, type AsOfOptions } from './as-of';

// `leadger funnel --parts`, `--stages` and `--campaigns`: the funnel as its parts, time in every stage and
// campaign influence (the same figures as GET /funnel/parts, /funnel/stages and /funnel/campaigns).

export interface StagesOptions extends AsOfOptions {
  readonly origin?: 'marketing' | 'sales';
  readonly from?: string;
  readonly to?: string;
  readonly source?: string;
  readonly owner?: string;
  readonly groupBy?: 'source' | 'owner';
}

export async function runParts(options: StagesOptions): Promise<void> {
  await withStores(async (stores) => {
    // The parts as the rules file (LEADGER_POLICIES) maps them, checked before anything is read.
    const parts = loadRules(stores.config.policiesFile).rules.funnelParts;
    const from = await querySource(stores, stagesProjection, options);
    try {
      const { from: start, to, origin } = options;
      const answer = await funnelParts(from.store, parts, { from: start, to, origin });
      print(options, { asOf: from.asOf, by: from.by, ...answer }, () =>
        partsText(answer, describeSource(from, answer.position)),
      );
    } finally {
      await from.release();
    }
  }, readOnly);
}

export async function runStages(options: StagesOptions): Promise<void> {
  const { from: start, to, source, owner, origin, groupBy } = options;
  await withStores(async (stores) => {
    const from = await querySource(stores, stagesProjection, options);
    try {
      const answer = await stageTimes(from.store, { from: start, to, source, owner, origin, groupBy });
      print(options, { asOf: from.asOf, by: from.by, ...answer }, () =>
        stagesText(answer, describeSource(from, answer.position), groupBy),
      );
    } finally {
      await from.release();
    }
  }, readOnly);
}

export async function runCampaigns(options: StagesOptions): Promise<void> {
  await withStores(async (stores) => {
    const from = await querySource(stores, campaignsProjection, options);
    try {
      const answer = await campaignInfluence(from.store, { from: options.from, to: options.to });
      print(options, { asOf: from.asOf, by: from.by, ...answer }, () =>
        campaignsText(answer, describeSource(from, answer.position)),
      );
    } finally {
      await from.release();
    }
  }, readOnly);
}

function campaignsText(answer: CampaignInfluenceAnswer, source: string): string {
  const money = (amount: number) => formatNumber(amount);
  const rows = answer.campaigns.map(({ campaign, leads, open, won }) => [
    campaign,
    leads,
    money(open.firstTouch.amount),
    money(open.lastTouch.amount),
    money(open.anyTouch.amount),
    money(won.firstTouch.amount),
    money(won.lastTouch.amount),
    money(won.anyTouch.amount),
  ]);
  const headers = [
    'campaign',
    'leads',
    'open first',
    'open last',
    'open any',
    'won first',
    'won last',
    'won any',
  ];
  return [`Campaign influence — ${source}`, '', table(headers, rows)].join('\n');
}

function partsText(answer: FunnelPartsAnswer, source: string): string {
  const rows = answer.parts.map((part) => [
    part.name,
    part.team,
    part.now,
    part.entered,
    percent(part.conversionToNext),
    duration(part.time.medianMs),
    duration(part.time.p90Ms),
  ]);
  const headers = ['part', 'team', 'now', 'entered', 'moved on', 'median time', 'p90 time'];
  return [`Funnel parts — ${source}`, '', table(headers, rows)].join('\n');
}

function stagesText(answer: StageTimesAnswer, source: string, groupBy: string | undefined): string {
  const lines = [`Time in stage — ${source}`, '', stageTable(answer.stages)];
  for (const group of answer.groups ?? [])
    lines.push('', `${groupBy} ${group.key ?? '(none)'}:`, stageTable(group.stages));
  return lines.join('\n');
}

function stageTable(stages: readonly StageFigures[]): string {
  return table(
    ['stage', 'now', 'entered', 'stays ended', 'median', 'p90'],
    stages.map((s) => [
      s.stage,
      s.now,
      s.entered,
      s.time.count,
      duration(s.time.medianMs),
      duration(s.time.p90Ms),
    ]),
  );
}
