import type { ReadStore } from '@leadger/read-store';
import { stageKeys, type StagesMemo } from './stages-keys';

/** Every lead's timeline. The stays of all leads are read at once: each figure is worked out from them. */
export async function timelines(store: ReadStore): Promise<StagesMemo[]> {
  const [byLead] = await store.hgetall([stageKeys.leads]);
  return Object.values(byLead).map((value) => JSON.parse(value) as StagesMemo);
}
