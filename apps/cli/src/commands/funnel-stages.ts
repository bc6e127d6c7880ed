import { loadRules } from '@leadger/policy-runtime';
import type { ReadStore } from '@leadger/read-store';
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
import { duration, formatNumber, percent, table } from '../output/table';
import { readOnly, withStores } from '../stores';
import { printQuery, type AsOfOptions } from './as-of';

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
  const { from, to, origin } = options;
  await withStores(async (stores) => {
    // The parts as the rules file (LEADGER_POLICIES) maps them, checked before anything is read.
    const parts = loadRules(stores.config.policiesFile).rules.funnelParts;
    const query = (store: ReadStore) => funnelParts(store, parts, { from, to, origin });
    await printQuery(stores, stagesProjection, options, query, partsText);
  }, readOnly);
}

export async function runStages(options: StagesOptions): Promise<void> {
  const { from, to, source, owner, origin, groupBy } = options;
  await withStores(async (stores) => {
    const query = (store: ReadStore) => stageTimes(store, { from, to, source, owner, origin, groupBy });
    const text = (answer: StageTimesAnswer, where: string) => stagesText(answer, where, groupBy);
    await printQuery(stores, stagesProjection, options, query, text);
  }, readOnly);
}

export async function runCampaigns(options: StagesOptions): Promise<void> {
  const { from, to } = options;
  await withStores(async (stores) => {
    const query = (store: ReadStore) => campaignInfluence(store, { from, to });
    await printQuery(stores, campaignsProjection, options, query, campaignsText);
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
