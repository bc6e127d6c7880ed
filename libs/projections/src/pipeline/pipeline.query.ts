import { leadOrigins, opportunityStages, type LeadOrigin, type OpportunityStage } from '@leadger/lead-domain';
import type { ReadStore } from '@leadger/read-store';
import { dayNumber, fromCents, spread, type Spread } from '../figures';
import { readPosition } from '../queries/position';
import { byText, day, oneOf, QueryInputError } from '../queries/query-input';
import {
  openField,
  PIPELINE,
  pipelineKeys,
  segmentOf,
  type ClosedDeal,
  type ReopenedDeal,
  type Segment,
} from './pipeline-keys';
import { closedFigures, type ClosedFigures } from './closed-figures';

/**
 * Win probability of each opportunity stage when the query names none: the rules file's defaults. The API and
 * the CLI pass the rules in force (`winProbabilities`).
 */
export const defaultProbabilities: Readonly<Record<OpportunityStage, number>> = {
  prospecting: 0.1,
  evaluation: 0.4,
  commitment: 0.75,
};

export interface PipelineQuery {
  /** Only this owner's deals. Default: all owners. */
  readonly owner?: string;
  /** Only the deals of leads marketing found, or of those sales found. Default: both. */
  readonly origin?: LeadOrigin;
  /**
   * First close day (UTC, `YYYY-MM-DD`, of DealWon/DealLost occurredAt; of DealReopened for reopened
   * deals), inclusive. Default: the earliest.
   */
  readonly closedFrom?: string;
  /** Last close day, inclusive. Default: the latest. */
  readonly closedTo?: string;
  /** Win probability per stage, 0 to 1, for the weighted amount. Default 0.1 / 0.4 / 0.75. */
  readonly probabilities?: Partial<Record<OpportunityStage, number>>;
}

export interface OpenFigures {
  readonly count: number;
  readonly amount: number;
  /** Σ amount × stage probability, rounded to cents. */
  readonly weightedAmount: number;
}

export interface OpenSection {
  readonly total: OpenFigures;
  readonly byStage: readonly (OpenFigures & { readonly stage: OpportunityStage })[];
  readonly byOwner: readonly (OpenFigures & { readonly owner: string })[];
}

/** Open and closed figures of some of the opportunities (or of all of them). */
export interface PipelineFigures {
  readonly open: OpenSection;
  readonly closed: ClosedFigures & { readonly salesCycle: Spread };
}

/**
 * `open` and `closed` count every opportunity; `newBusiness` (each lead's deals from QualifyLead) and
 * `expansion` (upsell, cross-sell, renewal opened on customers) split them, and add up to them.
 */
export interface PipelineAnswer extends PipelineFigures, Readonly<Record<Segment, PipelineFigures>> {
  readonly position: string | null;
  readonly probabilities: Readonly<Record<OpportunityStage, number>>;
}

/** Open deals by stage and owner, and the deals won and lost in the close-date range. */
export async function pipeline(store: ReadStore, query: PipelineQuery = {}): Promise<PipelineAnswer> {
  const probabilities = { ...defaultProbabilities, ...query.probabilities };
  for (const stage of opportunityStages) {
    const p = probabilities[stage];
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new QueryInputError(stage, 'must be from 0 to 1');
  }
  const from = day('closedFrom', query.closedFrom);
  const to = day('closedTo', query.closedTo);
  if (from && to && from > to) throw new QueryInputError('closedTo', 'must not be before closedFrom');

  oneOf('origin', query.origin, leadOrigins);
  const position = await readPosition(store, [PIPELINE]);
  const [open, openBySegment] = await store.hgetall([pipelineKeys.open, pipelineKeys.openBySegment]);
  const range = { min: from ? dayNumber(from) : undefined, max: to ? dayNumber(to) : undefined };
  // Rows filed before origins were kept have none: their leads were marketing's.
  const ofOwner = <T extends { readonly owner: string; readonly origin?: LeadOrigin }>(rows: T[]) =>
    rows.filter(
      (row) =>
        (query.owner === undefined || row.owner === query.owner) &&
        (query.origin === undefined || (row.origin ?? 'marketing') === query.origin),
    );
  const rows = ofOwner(
    await rowsByDay<ClosedDeal>(store, pipelineKeys.closedDays, pipelineKeys.closed, range),
  );
  const reopened = ofOwner(
    await rowsByDay<ReopenedDeal>(store, pipelineKeys.reopenedDays, pipelineKeys.reopened, range),
  );
  const figures = (
    openFields: Record<string, string>,
    closedRows: readonly ClosedDeal[],
    reopenedRows: readonly ReopenedDeal[],
  ): PipelineFigures => {
    const cycles = closedRows.flatMap((deal) => (deal.cycleMs === null ? [] : [deal.cycleMs]));
    return {
      open: openFigures(openFields, query.owner, probabilities),
      closed: { ...closedFigures(closedRows, reopenedRows), salesCycle: spread(cycles) },
    };
  };
  const inSegment = (segment: Segment) => (deal: ClosedDeal | ReopenedDeal) =>
    segmentOf(deal.kind) === segment;
  const bySegment = (segment: Segment) =>
    figures(
      openFieldsOf(openBySegment, [segment], query.origin),
      rows.filter(inSegment(segment)),
      reopened.filter(inSegment(segment)),
    );
  const allOpen = query.origin ? openFieldsOf(openBySegment, segments, query.origin) : open;

  return {
    position,
    probabilities,
    ...figures(allOpen, rows, reopened),
    newBusiness: bySegment('newBusiness'),
    expansion: bySegment('expansion'),
  };
}

const segments: readonly Segment[] = ['newBusiness', 'expansion'];

/** The open sums of some segments (of one origin, or both), keyed as the sums of all are. */
function openFieldsOf(
  fields: Record<string, string>,
  wanted: readonly Segment[],
  origin: LeadOrigin | undefined,
): Record<string, string> {
  const mine: Record<string, string> = {};
  for (const [field, value] of Object.entries(fields)) {
    const [from, segment, owner, stage, what] = JSON.parse(field) as [
      LeadOrigin,
      Segment,
      string,
      OpportunityStage,
      'count' | 'amount',
    ];
    if (!wanted.includes(segment) || (origin !== undefined && from !== origin)) continue;
    const key = openField(owner, stage, what);
    mine[key] = String(Number(mine[key] ?? 0) + Number(value));
  }
  return mine;
}

/** Every row filed under the days in range; rows are bucketed by day, so those are exactly the rows in range. */
async function rowsByDay<Row>(
  store: ReadStore,
  days: string,
  key: (day: string) => string,
  range: { readonly min?: number; readonly max?: number },
): Promise<Row[]> {
  const listed = await store.zpage(days, range);
  const hashes = await store.hgetall(listed.map((day) => key(day.member)));
  return hashes.flatMap((fields) => Object.values(fields).map((row) => JSON.parse(row) as Row));
}

function openFigures(
  fields: Record<string, string>,
  owner: string | undefined,
  probabilities: Readonly<Record<OpportunityStage, number>>,
): OpenSection {
  const sums = new Map<string, { count: number; cents: number; weighted: number }>();
  const add = (key: string, count: number, cents: number, weighted: number) => {
    const sum = sums.get(key) ?? { count: 0, cents: 0, weighted: 0 };
    sums.set(key, { count: sum.count + count, cents: sum.cents + cents, weighted: sum.weighted + weighted });
  };
  for (const [field, value] of Object.entries(fields)) {
    const [who, stage, what] = JSON.parse(field) as [string, OpportunityStage, 'count' | 'amount'];
    if (owner !== undefined && who !== owner) continue;
    const n = Number(value);
    const [count, cents, weighted] = what === 'count' ? [n, 0, 0] : [0, n, n * probabilities[stage]];
    for (const key of ['total', `stage:${stage}`, `owner:${who}`]) add(key, count, cents, weighted);
  }
  const figures = (key: string): OpenFigures => {
    const sum = sums.get(key) ?? { count: 0, cents: 0, weighted: 0 };
    return {
      count: sum.count,
      amount: fromCents(sum.cents),
      weightedAmount: fromCents(Math.round(sum.weighted)),
    };
  };
  const owners = [...sums.keys()].filter((k) => k.startsWith('owner:')).map((k) => k.slice(6));
  return {
    total: figures('total'),
    byStage: opportunityStages.map((stage) => ({ stage, ...figures(`stage:${stage}`) })),
    byOwner: owners
      .sort(byText)
      .map((name) => ({ owner: name, ...figures(`owner:${name}`) }))
      .filter((o) => o.count > 0),
  };
}
