import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@leadger/event-store';
import { ChangeSet, SqliteReadStore } from '@leadger/read-store';
import { consumerLag } from './consumer-lag';
import type { LogConsumer } from './log-consumers';

// Lag read from real stores: checkpoints in the embedded read store against the embedded event log, whose
// positions number its events one by one.

let dir: string;
let events: SqliteEventStore;
let reads: SqliteReadStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadger-lag-'));
  events = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  reads = new SqliteReadStore({ path: join(dir, 'read-models.sqlite') });
});
afterEach(async () => {
  await Promise.all([events.close(), reads.close()]);
  rmSync(dir, { recursive: true, force: true });
});

const leads: LogConsumer = { kind: 'read_model', id: 'leads', filter: { streamNamePrefixes: ['lead-'] } };

/** Appends one event to `stream`; its position. */
async function append(stream: string): Promise<bigint> {
  const event = { id: crypto.randomUUID(), type: 'Noted', data: {}, metadata: {} };
  return (await events.appendToStream(stream, [event], 'any')).position;
}

async function checkpoint(id: string, position: bigint, storeId?: string): Promise<void> {
  const move = { id, expected: null, position, version: 1, storeId: storeId ?? (await events.storeId()) };
  await reads.commit({ changes: new ChangeSet(), checkpoints: [move], leases: [] });
}

describe('consumerLag', () => {
  it('is nothing for a consumer caught up, even when events it does not read came after its checkpoint', async () => {
    await checkpoint('leads', await append('lead-1'));
    await append('apikey-1');
    await append('owner-1');
    expect(await consumerLag(events, reads, [leads], new Date())).toEqual([
      { consumer: leads, events: 0, seconds: 0 },
    ]);
  });

  it('counts the positions from the first event it has yet to read to the head, and how long that one waited', async () => {
    await checkpoint('leads', await append('lead-1'));
    await append('apikey-1'); // skipped by the consumer: not yet pending
    const pending = await append('lead-2');
    await append('lead-3');
    await append('owner-1');
    const [first] = await events.readAll({ after: pending - 1n, maxCount: 1 });
    const now = new Date(first.created.getTime() + 42_500);
    const [lag] = await consumerLag(events, reads, [leads], now);
    expect(lag).toEqual({ consumer: leads, events: 3, seconds: 42.5 });
  });

  it('has the whole log ahead of a consumer that never checkpointed, or checkpointed on another log', async () => {
    for (const stream of ['lead-1', 'lead-2', 'owner-1']) await append(stream);
    await checkpoint('elsewhere', 3n, 'another-store');
    const other: LogConsumer = { kind: 'webhook', id: 'elsewhere' };
    const never: LogConsumer = { kind: 'policies', id: 'never' };
    const lags = await consumerLag(events, reads, [other, never], new Date());
    expect(lags.map((lag) => [lag.consumer.id, lag.events])).toEqual([
      ['elsewhere', 3],
      ['never', 3],
    ]);
  });

  it('is nothing on an empty log, and asks no store when there is no consumer', async () => {
    expect(await consumerLag(events, reads, [leads], new Date())).toEqual([
      { consumer: leads, events: 0, seconds: 0 },
    ]);
    await Promise.all([events.close(), reads.close()]);
    expect(await consumerLag(events, reads, [], new Date())).toEqual([]);
  });
});
