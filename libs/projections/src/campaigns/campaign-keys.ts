// Key layout of campaign influence: one document per lead — the campaigns it touched, when, and its deals —
// in the memo hash every lead projection keeps. First-, last- and any-touch credit is worked out at query
// time from these, so every attribution model reads the same facts.

export const CAMPAIGNS = 'campaigns';

export const campaignKeys = {
  /** hash: leadId → `CampaignsMemo` (JSON). */
  leads: `${CAMPAIGNS}:leads`,
};

/** A campaign the lead engaged with (a capture, or a capture again, naming it), epoch ms. */
export type Touch = readonly [campaign: string, atMs: number];

/** A deal of the lead: its amount now, and when it closed won (null while open; lost deals are dropped). */
export interface Deal {
  readonly amount: number;
  readonly wonMs: number | null;
}

export interface CampaignsMemo {
  readonly touches: readonly Touch[];
  /** Deals in the order they opened; the last is the one a stage change, close or reopen is about. */
  readonly deals: readonly Deal[];
}
