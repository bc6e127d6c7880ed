import { fromCents, rate } from '../figures';
import { byText } from '../queries/query-input';
import type { ClosedDeal, ReopenedDeal } from './pipeline-keys';

export interface CountAndAmount {
  readonly count: number;
  readonly amount: number;
}

export interface ClosedFigures {
  readonly won: CountAndAmount;
  readonly lost: CountAndAmount;
  /** Deals lost and then reopened (by the day of their latest reopen): no longer in the lost figures. */
  readonly reopened: CountAndAmount;
  /** won / (won + lost), by count; null when nothing closed. */
  readonly winRate: number | null;
  readonly lostByReason: readonly (CountAndAmount & { readonly reason: string })[];
  readonly lostByStage: readonly (CountAndAmount & { readonly stage: string })[];
}

/** Sums of a set of closed and reopened deals; amounts are added in cents, so they are exact. */
export function closedFigures(
  deals: readonly ClosedDeal[],
  reopened: readonly ReopenedDeal[],
): ClosedFigures {
  const won = deals.filter((deal) => deal.outcome === 'won');
  const lost = deals.filter((deal) => deal.outcome === 'lost');
  return {
    won: total(won),
    lost: total(lost),
    reopened: total(reopened),
    winRate: rate(won.length, won.length + lost.length),
    lostByReason: groups(lost, (deal) => deal.reason ?? 'unknown').map(([reason, sum]) => ({
      reason,
      ...sum,
    })),
    lostByStage: groups(lost, (deal) => deal.stage).map(([stage, sum]) => ({ stage, ...sum })),
  };
}

function total(deals: readonly { readonly amountCents: number }[]): CountAndAmount {
  const cents = deals.reduce((sum, deal) => sum + deal.amountCents, 0);
  return { count: deals.length, amount: fromCents(cents) };
}

function groups(
  deals: readonly ClosedDeal[],
  keyOf: (deal: ClosedDeal) => string,
): [string, CountAndAmount][] {
  const byKey = new Map<string, ClosedDeal[]>();
  for (const deal of deals) {
    const key = keyOf(deal);
    const list = byKey.get(key);
    if (list) list.push(deal);
    else byKey.set(key, [deal]);
  }
  return [...byKey.entries()].sort(([a], [b]) => byText(a, b)).map(([key, list]) => [key, total(list)]);
}
