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
import { NURTURE, NURTURE_QUEUE, nurtureKeys, type NurtureItem } from './nurture-keys';

const queue: DueQueue = { readModel: NURTURE, ...nurtureKeys, queue: NURTURE_QUEUE };

/** `due` means the revisit date has come. */
export type NurtureListQuery = DueListQuery;
/** Ordered by revisit date, then lead id. */
export type NurtureListAnswer = DueListAnswer<NurtureItem>;
export type NurtureClaim = DueClaim;
export type ClaimedNurtureItem = Claimed<NurtureItem>;
export type NurtureClaimAnswer = DueClaimAnswer<NurtureItem>;

/** The leads in nurture, soonest revisit first, page by page. */
export function nurtureList(store: ReadStore, query: NurtureListQuery = {}): Promise<NurtureListAnswer> {
  return listDue(store, queue, query);
}

/** Claims due nurture items, soonest revisit first, skipping those another claim holds. */
export function claimNurture(store: ReadStore, claim: NurtureClaim): Promise<NurtureClaimAnswer> {
  return claimDue(store, queue, claim);
}
