import type { ReadStore } from '@leadger/read-store';
import { POLICIES, policyKeys } from './policy-keys';

/**
 * How much each owner holds now (open handoffs plus SALs), as the policies last committed it, for readers
 * of the roster. Null for everyone while the read store keeps no policy state of this log (`storeId`):
 * no runner has folded it yet (LEADGER_POLICIES_RUNNER=off and no worker), and a count of 0 would be a guess.
 */
export async function ownerLoads(
  store: ReadStore,
  storeId: string,
  ownerIds: readonly string[],
): Promise<(number | null)[]> {
  const checkpoint = (await store.readCheckpoints([POLICIES])).get(POLICIES);
  const foreign = checkpoint?.storeId != null && checkpoint.storeId !== storeId;
  if (!checkpoint || foreign) return ownerIds.map(() => null);
  const loads = await store.hmget(ownerIds.map((field) => ({ key: policyKeys.load, field })));
  return loads.map((load) => (load === null ? 0 : Number(load)));
}
