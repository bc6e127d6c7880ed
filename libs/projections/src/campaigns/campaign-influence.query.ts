import type { ReadStore } from '@leadger/read-store';
import { cents, fromCents } from '../figures';
import { readPosition } from '../queries/position';
import { byText } from '../queries/query-input';
import { period } from '../queries/period';
import { CAMPAIGNS, campaignKeys, type CampaignsMemo, type Touch } from './campaign-keys';

export interface CampaignInfluenceQuery {
  /** First UTC day a won deal may have closed on, inclusive. Default: the earliest. */
  readonly from?: string;
  /** Last UTC day, inclusive. Default: the latest. */
  readonly to?: string;
}

/** Deals credited to a campaign under one attribution model, and their amount. */
export interface Credit {
  readonly deals: number;
  readonly amount: number;
}

export interface Attribution {
  /** The campaign was the lead's first touch. */
  readonly firstTouch: Credit;
  /** The campaign was the lead's last touch before the deal closed (before now, for an open deal). */
  readonly lastTouch: Credit;
  /** The lead touched the campaign at all before the deal closed. */
  readonly anyTouch: Credit;
}

export interface CampaignInfluence {
  readonly campaign: string;
  /** Leads that engaged with the campaign. */
  readonly leads: number;
  /** Deals open now. */
  readonly open: Attribution;
  /** Deals won in the period. */
  readonly won: Attribution;
}

export interface CampaignInfluenceAnswer {
  readonly position: string | null;
  /** By campaign name. */
  readonly campaigns: readonly CampaignInfluence[];
}

type Model = keyof Attribution;

/**
 * For each campaign, the open and won amounts of the deals whose leads engaged with it before the deal
 * closed: first touch, last touch and any touch. A lead's touches are its captures naming a campaign.
 */
export async function campaignInfluence(
  store: ReadStore,
  query: CampaignInfluenceQuery = {},
): Promise<CampaignInfluenceAnswer> {
  const wonIn = period(query);
  const position = await readPosition(store, [CAMPAIGNS]);
  const [byLead] = await store.hgetall([campaignKeys.leads]);
  const tallies = new Map<string, Tally>();
  const tally = (campaign: string) => {
    let found = tallies.get(campaign);
    if (!found) tallies.set(campaign, (found = new Tally()));
    return found;
  };
  for (const value of Object.values(byLead)) {
    const { touches, deals } = JSON.parse(value) as CampaignsMemo;
    for (const campaign of new Set(touches.map(([name]) => name))) tally(campaign).leads++;
    for (const deal of deals) {
      if (deal.wonMs !== null && !wonIn(deal.wonMs)) continue;
      const before = touchesBefore(touches, deal.wonMs);
      if (before.length === 0) continue;
      const outcome = deal.wonMs === null ? 'open' : 'won';
      const credit = (campaign: string, model: Model) => tally(campaign).credit(outcome, model, deal.amount);
      credit(before[0][0], 'firstTouch');
      credit(before[before.length - 1][0], 'lastTouch');
      for (const campaign of new Set(before.map(([name]) => name))) credit(campaign, 'anyTouch');
    }
  }
  const campaigns = [...tallies.keys()]
    .sort(byText)
    .map((campaign) => tallies.get(campaign)!.figures(campaign));
  return { position, campaigns };
}

/** The touches up to a deal's close (all of them for an open deal); touches are kept in business-time order. */
function touchesBefore(touches: readonly Touch[], closedMs: number | null): readonly Touch[] {
  return closedMs === null ? touches : touches.filter(([, at]) => at <= closedMs);
}

class Tally {
  leads = 0;
  private readonly credits = new Map<string, { deals: number; cents: number }>();

  credit(outcome: 'open' | 'won', model: Model, amount: number): void {
    const key = `${outcome}:${model}`;
    const credit = this.credits.get(key) ?? { deals: 0, cents: 0 };
    this.credits.set(key, { deals: credit.deals + 1, cents: credit.cents + cents(amount) });
  }

  figures(campaign: string): CampaignInfluence {
    const attribution = (outcome: 'open' | 'won'): Attribution => {
      const of = (model: Model): Credit => {
        const credit = this.credits.get(`${outcome}:${model}`) ?? { deals: 0, cents: 0 };
        return { deals: credit.deals, amount: fromCents(credit.cents) };
      };
      return { firstTouch: of('firstTouch'), lastTouch: of('lastTouch'), anyTouch: of('anyTouch') };
    };
    return { campaign, leads: this.leads, open: attribution('open'), won: attribution('won') };
  }
}
