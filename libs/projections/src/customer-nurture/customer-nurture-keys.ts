import type { CustomerNurtureProgram } from '@leadger/lead-domain';

// Key layout of the customer-nurture queue: one document per customer in a program, indexed by revisit
// time. Claims are kept by the read store outside this namespace (queue `customer-nurture`).

export const CUSTOMER_NURTURE = 'customer-nurture';
/** The claims queue name of due customer-nurture items. */
export const CUSTOMER_NURTURE_QUEUE = 'customer-nurture';

export const customerNurtureKeys = {
  /** hash: leadId → `CustomerNurtureItem` (JSON). */
  items: `${CUSTOMER_NURTURE}:items`,
  /** zset: leadId → revisit time (epoch ms); an item is due once its revisit time has come. */
  due: `${CUSTOMER_NURTURE}:due`,
};

/** A customer waiting in a program; its capture's personal fields stay sealed, as in the nurture queue. */
export interface CustomerNurtureItem {
  readonly leadId: string;
  readonly sealed: { readonly capture: string | null };
  readonly source: string | null;
  readonly campaign: string | null;
  /** The customer's sales owner at its latest win. */
  readonly owner: string | null;
  /** The first win. */
  readonly customerSince: string | null;
  readonly program: CustomerNurtureProgram;
  readonly scheduledAt: string;
  readonly revisitAt: string;
}
