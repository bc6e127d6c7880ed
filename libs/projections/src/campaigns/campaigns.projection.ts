import { ms } from '../figures';
import { leadProjection, type Step } from '../lead-projection';
import { CAMPAIGNS, type CampaignsMemo, type Deal } from './campaign-keys';

interface Moment {
  readonly metadata: { readonly occurredAt: string };
}

function touched(memo: CampaignsMemo, campaign: string | null, event: Moment): CampaignsMemo {
  return campaign === null
    ? memo
    : { ...memo, touches: [...memo.touches, [campaign, ms(event.metadata.occurredAt)]] };
}

/** Changes the lead's latest deal; `null` drops it (a lost deal earns no campaign credit). */
function lastDeal(memo: CampaignsMemo | undefined, change: (deal: Deal) => Deal | null): Step<CampaignsMemo> {
  if (!memo || memo.deals.length === 0) return {};
  const next = change(memo.deals[memo.deals.length - 1]);
  return { memo: { ...memo, deals: [...memo.deals.slice(0, -1), ...(next ? [next] : [])] } };
}

/**
 * Campaign influence: per lead, the campaigns it engaged with and when, and its open and won deals, so each
 * campaign can be credited with the deals of the leads it touched before they closed (first, last or any
 * touch). A lost deal leaves; a reopened one comes back.
 */
export const campaignsProjection = leadProjection<CampaignsMemo>({
  name: CAMPAIGNS,
  version: 1,
  handlers: {
    // Every lead gets a memo, campaign or not: a later capture may name one.
    LeadCaptured: (memo, event) => {
      if (memo) return {};
      const campaign = event.data.campaign ?? event.data.utm?.campaign ?? null;
      return { memo: touched({ touches: [], deals: [] }, campaign, event) };
    },
    EngagementRecorded: (memo, event) =>
      memo && event.data.campaign !== null ? { memo: touched(memo, event.data.campaign, event) } : {},
    LeadQualified: (memo, event) =>
      memo ? { memo: { ...memo, deals: [...memo.deals, { amount: event.data.amount, wonMs: null }] } } : {},
    OpportunityStageChanged: (memo, event) =>
      lastDeal(memo, (deal) => ({ ...deal, amount: event.data.amount })),
    DealWon: (memo, event) =>
      lastDeal(memo, () => ({ amount: event.data.amount, wonMs: ms(event.metadata.occurredAt) })),
    DealLost: (memo) => lastDeal(memo, () => null),
    OpportunityOpened: (memo, event) =>
      memo ? { memo: { ...memo, deals: [...memo.deals, { amount: event.data.amount, wonMs: null }] } } : {},
    DealReopened: (memo, event) =>
      memo ? { memo: { ...memo, deals: [...memo.deals, { amount: event.data.amount, wonMs: null }] } } : {},
  },
});
