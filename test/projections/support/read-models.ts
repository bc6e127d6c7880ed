import type { EventStore, RecordedEvent } from '@leadger/event-store';
import { allProjections } from '@leadger/projections';
import type { ReadModelDump, ReadStore } from '@leadger/read-store';

/** Every read model of the store, canonically ordered: equal dumps are equal read models. */
export async function dumpAll(store: ReadStore): Promise<Record<string, ReadModelDump>> {
  const dumps: Record<string, ReadModelDump> = {};
  for (const { name } of allProjections) dumps[name] = await store.dump(name);
  return dumps;
}

/** Every event of the store, in `$all` order. */
export async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: events.at(-1)?.position, maxCount: 10_000 });
    if (page.length === 0) return events;
    events.push(...page);
  }
}

/** The position of the last event stored. */
export async function headOf(store: EventStore): Promise<bigint> {
  return (await allEvents(store)).at(-1)?.position ?? 0n;
}

/** Resolves when `check` holds, polling; fails with `what` after `timeoutMs`. */
export async function eventually(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
