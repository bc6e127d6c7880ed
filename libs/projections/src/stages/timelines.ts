import type { ReadStore } from '@leadger/read-store';
import { dayNumber } from '../figures';
import { day, QueryInputError } from '../queries/query-input';
import { stageKeys, type StagesMemo } from './stages-keys';

/** Every lead's timeline. The stays of all leads are read at once: each figure is worked out from them. */
export async function timelines(store: ReadStore): Promise<StagesMemo[]> {
  const [byLead] = await store.hgetall([stageKeys.leads]);
  return Object.values(byLead).map((value) => JSON.parse(value) as StagesMemo);
}

/** A period of UTC days, both ends inclusive and optional: does an epoch-ms time fall in it? */
export type Period = (at: number) => boolean;

export function period(query: { readonly from?: string; readonly to?: string }): Period {
  const from = day('from', query.from);
  const to = day('to', query.to);
  if (from && to && from > to) throw new QueryInputError('to', 'must not be before from');
  const start = from ? dayNumber(from) * 86_400_000 : -Infinity;
  const end = to ? (dayNumber(to) + 1) * 86_400_000 : Infinity;
  return (at) => at >= start && at < end;
}
