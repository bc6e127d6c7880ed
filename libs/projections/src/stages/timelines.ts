import type { ReadStore } from '@leadger/read-store';
import { dayNumber } from '../figures';
import { stageKeys, type StagesMemo, type VisitorCount } from './stages-keys';

/** Every lead's timeline. The stays of all leads are read at once: each figure is worked out from them. */
export async function timelines(store: ReadStore): Promise<StagesMemo[]> {
  const [byLead] = await store.hgetall([stageKeys.leads]);
  return Object.values(byLead).map((value) => JSON.parse(value) as StagesMemo);
}

/** Visitors still anonymous, by the day (its start, epoch ms) of their first touch and their source. */
export interface Anonymous {
  readonly firstTouchMs: number;
  readonly source: string | null;
  readonly count: number;
}

/** The visitors no capture has identified yet: suspects that are in no lead's timeline. */
export async function anonymousVisitors(store: ReadStore): Promise<Anonymous[]> {
  const [fields] = await store.hgetall([stageKeys.visitors]);
  const byDay = new Map<string, { firstTouchMs: number; source: string | null; count: number }>();
  for (const [field, value] of Object.entries(fields)) {
    const [day, source, kind] = JSON.parse(field) as [string, string | null, VisitorCount];
    const key = JSON.stringify([day, source]);
    const row = byDay.get(key) ?? { firstTouchMs: dayNumber(day) * 86_400_000, source, count: 0 };
    row.count += kind === 'visitors' ? Number(value) : -Number(value);
    byDay.set(key, row);
  }
  return [...byDay.values()].filter((row) => row.count > 0);
}
