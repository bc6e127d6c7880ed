import type { ReadStore } from '@leadger/read-store';
import {
  claimDue,
  listDue,
  type Claimed,
  type DueClaim,
  type DueClaimAnswer,
  type DueListAnswer,
  type DueListQuery,
  type DueQueue,
} from '../queries/due-queue';
import {
  CUSTOMER_NURTURE,
  CUSTOMER_NURTURE_QUEUE,
  customerNurtureKeys,
  type CustomerNurtureItem,
} from './customer-nurture-keys';

const queue: DueQueue = {
  readModel: CUSTOMER_NURTURE,
  ...customerNurtureKeys,
  queue: CUSTOMER_NURTURE_QUEUE,
};

export type CustomerNurtureListAnswer = DueListAnswer<CustomerNurtureItem>;
export type ClaimedCustomerNurtureItem = Claimed<CustomerNurtureItem>;
export type CustomerNurtureClaimAnswer = DueClaimAnswer<CustomerNurtureItem>;

/** The customers in a program, soonest revisit first, page by page. */
export function customerNurtureList(
  store: ReadStore,
  query: DueListQuery = {},
): Promise<CustomerNurtureListAnswer> {
  return listDue(store, queue, query);
}

/** Claims due customer-nurture items, soonest revisit first, skipping those another claim holds. */
export function claimCustomerNurture(store: ReadStore, claim: DueClaim): Promise<CustomerNurtureClaimAnswer> {
  return claimDue(store, queue, claim);
}
