import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { v4 as uuid } from 'uuid';
import type { EventData, RecordedEvent } from '../../libs/event-store/src/event-store';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../../libs/event-store/src/errors';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';
import { eventStoreContract } from './event-store.contract';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'leadger-sqlite-'));
  dirs.push(dir);
  return join(dir, 'events.sqlite');
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

// A real file, not :memory:, so WAL and the file locks are in play.
eventStoreContract('sqlite', async () => {
  const store = new SqliteEventStore({ path: tempFile(), pollIntervalMs: 20 });
  return { store, dispose: () => store.close() };
});

function event(type = 'Noted', data: EventData['data'] = {}): EventData {
  return { id: uuid(), type, data, metadata: {} };
}

function catching(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('SqliteEventStore', () => {
  it('keeps every event, revision and position when the file is reopened', async () => {
    const path = tempFile();
    const first = new SqliteEventStore({ path });
    await first.appendToStream('lead-1', [event('A'), event('B')], 'no_stream');
    await first.appendToStream('lead-2', [event('C', { nested: { é: [1, null] } })], 'no_stream');
    const before = await first.readAll();
    await first.close();

    const reopened = new SqliteEventStore({ path });
    try {
      expect(await reopened.readAll()).toEqual(before);
      expect(before.map((e) => e.position)).toEqual([1n, 2n, 3n]);
      const next = await reopened.appendToStream('lead-1', [event('D')], 1n);
      expect(next).toEqual({ nextExpectedRevision: 2n, position: 4n });
    } finally {
      await reopened.close();
    }
  });

  it('keeps its store id in the file: the same when reopened or copied, another for another file', async () => {
    const path = tempFile();
    const first = new SqliteEventStore({ path });
    const id = await first.storeId();
    await first.appendToStream('lead-1', [event('A')], 'no_stream');
    await first.close();
    const reopened = new SqliteEventStore({ path });
    const other = new SqliteEventStore({ path: tempFile() });
    try {
      expect(await reopened.storeId()).toBe(id);
      expect(await other.storeId()).not.toBe(id);
    } finally {
      await reopened.close();
      await other.close();
    }
  });

  it('gives a file made before store ids one when it is first opened, and keeps it', async () => {
    const path = tempFile();
    const legacy = new SqliteEventStore({ path });
    await legacy.appendToStream('lead-1', [event('A')], 'no_stream');
    await legacy.close();
    const raw = new Database(path);
    raw.exec('DROP TABLE meta');
    raw.close();
    const upgraded = new SqliteEventStore({ path });
    const id = await upgraded.storeId();
    await upgraded.close();
    const again = new SqliteEventStore({ path });
    try {
      expect(await again.storeId()).toBe(id);
      expect((await again.readAll()).map((e) => e.type)).toEqual(['A']);
    } finally {
      await again.close();
    }
  });

  it('gives a file made before business times were kept them when opened, and bounds reads by them', async () => {
    const path = tempFile();
    // The events table as it was before `occurred_ms`, written to the way the older version wrote.
    const legacy = new Database(path);
    legacy.exec(`CREATE TABLE events (
      position INTEGER PRIMARY KEY, stream TEXT NOT NULL, revision INTEGER NOT NULL, event_id TEXT NOT NULL,
      type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, created INTEGER NOT NULL,
      UNIQUE (stream, revision), UNIQUE (stream, event_id))`);
    const insert = legacy.prepare(
      `INSERT INTO events (stream, revision, event_id, type, data, metadata, created)
       VALUES (?, ?, ?, ?, '{}', ?, 0)`,
    );
    const times = ['2025-06-30T23:00:00.000Z', '2025-07-01T01:30:00+02:00', '2025-07-01T00:00:00.000Z', null];
    times.forEach((occurredAt, revision) =>
      insert.run(
        'lead-1',
        revision,
        uuid(),
        `E${revision}`,
        JSON.stringify(occurredAt ? { occurredAt } : {}),
      ),
    );
    const bound = new Date('2025-07-01T00:00:00.000Z');

    const upgraded = new SqliteEventStore({ path });
    try {
      expect((await upgraded.readAll({ occurredBefore: bound })).map((e) => e.type)).toEqual(['E0', 'E1']);
      const unfilled = legacy.prepare('SELECT count(*) AS n FROM events WHERE occurred_ms IS NULL');
      expect(unfilled.get()).toEqual({ n: 0 });
      // An older version still running on the file appends without the column: bounded reads still see it.
      insert.run('lead-1', 4, uuid(), 'E4', JSON.stringify({ occurredAt: '2025-05-01T00:00:00.000Z' }));
      insert.run('lead-1', 5, uuid(), 'E5', JSON.stringify({ occurredAt: '2025-08-01T00:00:00.000Z' }));
      const seen: string[] = [];
      const subscription = upgraded.subscribeToAll({
        after: 2n,
        occurredBefore: bound,
        onEvent: (e) => void seen.push(e.type),
      });
      await waitFor(() => seen.length > 0);
      await subscription.stop();
      expect(seen).toEqual(['E4']);
      expect((await upgraded.readAll({ occurredBefore: bound })).map((e) => e.type)).toEqual([
        'E0',
        'E1',
        'E4',
      ]);
      expect(unfilled.get()).toEqual({ n: 0 });
    } finally {
      await upgraded.close();
      legacy.close();
    }
  });

  it('numbers $all from 1 without gaps, even around rejected appends', async () => {
    const store = new SqliteEventStore({ path: tempFile() });
    try {
      await store.appendToStream('a', [event(), event()], 'no_stream');
      await expect(store.appendToStream('a', [event()], 'no_stream')).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      await store.appendToStream('b', [event()], 'no_stream');
      expect((await store.readAll()).map((e) => e.position)).toEqual([1n, 2n, 3n]);
    } finally {
      await store.close();
    }
  });

  it('delivers appends made through another instance on the same file to a live subscription', async () => {
    const path = tempFile();
    const reader = new SqliteEventStore({ path, pollIntervalMs: 20 });
    const writer = new SqliteEventStore({ path, pollIntervalMs: 20 });
    try {
      await writer.appendToStream('lead-1', [event('A')], 'no_stream');
      const seen: RecordedEvent[] = [];
      let caughtUp = false;
      reader.subscribeToAll({ onEvent: (e) => void seen.push(e), onCaughtUp: () => (caughtUp = true) });
      await waitFor(() => caughtUp);

      await writer.appendToStream('lead-1', [event('B'), event('C')], 0n);
      await writer.appendToStream('lead-2', [event('D')], 'no_stream');

      await waitFor(() => seen.length === 4);
      expect(seen.map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
      expect(seen.map((e) => e.position)).toEqual([1n, 2n, 3n, 4n]);
      // Both instances see one stream and one conflict rule.
      await expect(reader.appendToStream('lead-1', [event()], 1n)).rejects.toMatchObject({ actual: 2n });
    } finally {
      await reader.close();
      await writer.close();
    }
  });

  it('keeps revisions gap-free under many concurrent appenders on two instances', async () => {
    const path = tempFile();
    const stores = [new SqliteEventStore({ path }), new SqliteEventStore({ path })];
    try {
      const appender = async (index: number) => {
        const store = stores[index % 2];
        let acknowledged = 0;
        while (acknowledged < 10) {
          const read = await store.readStream('lead-hot', { direction: 'backwards', maxCount: 1 });
          const expected = read.found ? read.events[0].revision : 'no_stream';
          try {
            await store.appendToStream('lead-hot', [event('Tick', { index })], expected);
            acknowledged += 1;
          } catch (error) {
            if (!(error instanceof WrongExpectedRevisionError)) throw error;
          }
          await new Promise((resolve) => setImmediate(resolve));
        }
      };
      await Promise.all(Array.from({ length: 20 }, (_, index) => appender(index)));

      const result = await stores[1].readStream('lead-hot');
      if (!result.found) throw new Error('lead-hot missing');
      expect(result.events.map((e) => e.revision)).toEqual(Array.from({ length: 200 }, (_, i) => BigInt(i)));
      for (let index = 0; index < 20; index++) {
        expect(result.events.filter((e) => e.data.index === index)).toHaveLength(10);
      }
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('wakes its own live subscriptions at once, without waiting for the poll', async () => {
    const store = new SqliteEventStore({ path: tempFile(), pollIntervalMs: 60_000 });
    try {
      const seen: RecordedEvent[] = [];
      let caughtUp = false;
      store.subscribeToAll({ onEvent: (e) => void seen.push(e), onCaughtUp: () => (caughtUp = true) });
      await waitFor(() => caughtUp);
      await store.appendToStream('lead-1', [event('A')], 'no_stream');
      await waitFor(() => seen.length === 1, 1000);
    } finally {
      await store.close();
    }
  });

  it('filters by prefixes at the edges of the code point range', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    try {
      const streams = ['a\u{10FFFF}', 'a\u{10FFFF}z', 'b', 'a\uD7FFx', 'a\uE000'];
      for (const stream of streams) await store.appendToStream(stream, [event()], 'no_stream');
      const names = async (streamNamePrefixes: string[]) =>
        (await store.readAll({ filter: { streamNamePrefixes } })).map((e) => e.streamName);

      expect(await names(['a\u{10FFFF}'])).toEqual(['a\u{10FFFF}', 'a\u{10FFFF}z']);
      expect(await names(['a\uD7FF'])).toEqual(['a\uD7FFx']);
      expect(await names([''])).toEqual(streams);
      expect(await names([])).toEqual([]);
      expect(await store.readAll({ filter: { eventTypes: [] } })).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('rejects one append carrying the same event id twice, storing nothing', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    try {
      const twice = event();
      await expect(store.appendToStream('lead-1', [twice, twice], 'no_stream')).rejects.toBeInstanceOf(
        RangeError,
      );
      expect(await store.readStream('lead-1')).toEqual({ found: false });
    } finally {
      await store.close();
    }
  });

  it('wraps driver errors in EventStoreUnavailableError, keeping the cause', async () => {
    const notADatabase = tempFile();
    writeFileSync(notADatabase, 'this is not a SQLite file, just enough bytes to be read as a header...');
    const opening = catching(() => new SqliteEventStore({ path: notADatabase }));
    expect(opening).toBeInstanceOf(EventStoreUnavailableError);
    expect((opening as EventStoreUnavailableError).code).toBe('unavailable');
    expect((opening as EventStoreUnavailableError).cause).toMatchObject({ code: 'SQLITE_NOTADB' });

    const store = new SqliteEventStore({ path: ':memory:' });
    await store.close();
    const closed = await store.ping().catch((reason: unknown) => reason);
    expect(closed).toBeInstanceOf(EventStoreUnavailableError);
    expect((closed as EventStoreUnavailableError).cause).toMatchObject({
      message: expect.stringMatching(/not open/),
    });
    await expect(store.appendToStream('lead-1', [event()], 'any')).rejects.toBeInstanceOf(
      EventStoreUnavailableError,
    );
  });

  it('stops its subscriptions when closed', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    let caughtUp = false;
    const errors: Error[] = [];
    store.subscribeToAll({
      onEvent: () => undefined,
      onCaughtUp: () => (caughtUp = true),
      onError: (e) => errors.push(e),
    });
    await waitFor(() => caughtUp);
    await store.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(errors).toEqual([]);
  });
});
