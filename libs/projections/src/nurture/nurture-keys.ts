import type { OpportunityStage } from '@leadger/lead-domain';

// Key layout of the recycle-to-nurture queue: one document per lead in nurture, indexed by revisit time.
// Claims are kept by the read store outside this namespace (queue `nurture`), so a rebuild keeps them.

export const NURTURE = 'nurture';
/** The claims queue name of due nurture items. */
export const NURTURE_QUEUE = 'nurture';

export const nurtureKeys = {
  /** hash: leadId → `NurtureItem` (JSON). */
  items: `${NURTURE}:items`,
  /** zset: leadId → revisit time (epoch ms); an item is due once its revisit time has come. */
  due: `${NURTURE}:due`,
};

/** A lead waiting in nurture, as stored and as queries return it. */
export interface NurtureItem {
  readonly leadId: string;
  readonly email: string | null;
  readonly source: string | null;
  readonly campaign: string | null;
  /** `rejected` at a handoff, or `lost` as a deal. */
  readonly origin: 'rejected' | 'lost';
  /** `mql` for a rejection; the opportunity stage a deal was lost from. */
  readonly originStage: 'mql' | OpportunityStage;
  /** Reads "rejected at handoff" or "lost at <stage>". */
  readonly originLabel: string;
  readonly reason: string;
  readonly note: string | null;
  readonly recycledAt: string;
  readonly revisitAt: string;
}
