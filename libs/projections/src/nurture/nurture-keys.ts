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

/**
 * A lead waiting in nurture, as stored and as queries return it. Its personal data (the email of its
 * capture, the note of its recycle) stays sealed as the events hold it: the API opens it for readers who
 * may see it, and once the lead is erased nothing opens it (the item leaves the queue then, too).
 */
export interface NurtureItem {
  readonly leadId: string;
  readonly sealed: {
    /** The sealed personal fields of the lead's capture (email, names…). */
    readonly capture: string | null;
    /** The sealed note of the recycle, if it had one. */
    readonly recycle: string | null;
  };
  readonly source: string | null;
  readonly campaign: string | null;
  /** `rejected` at a handoff, or `lost` as a deal. */
  readonly origin: 'rejected' | 'lost';
  /** `mql` for a rejection; the opportunity stage a deal was lost from. */
  readonly originStage: 'mql' | OpportunityStage;
  /** Reads "rejected at handoff" or "lost at <stage>". */
  readonly originLabel: string;
  readonly reason: string;
  readonly recycledAt: string;
  readonly revisitAt: string;
}
