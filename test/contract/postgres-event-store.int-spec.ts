import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { v4 as uuid } from 'uuid';
import type { EventData, RecordedEvent } from '../../libs/event-store/src/event-store';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../../libs/event-store/src/errors';
import {
  PostgresEventStore,
  type PostgresEventStoreOptions,
} from '../../libs/event-store/src/postgres/postgres-event-store';
import { DATABASE_URL, dropSchema, sql, tempSchema } from '../support/temp-postgres';
import { eventStoreContract } from './event-store.contract';

eventStoreContract('postgres', async () => {
  const schema = tempSchema('es_test');
  const store = new PostgresEventStore({ connectionString: DATABASE_URL, schema, pollIntervalMs: 200 });
  return {
    store,
    dispose: async () => {
      await store.close();
      await dropSchema(schema);
    },
  };
});

function event(type = 'Noted', data: EventData['data'] = {}): EventData {
  return { id: uuid(), type, data, metadata: {} };
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('PostgresEventStore', () => {
  const schemas: string[] = [];
  const stores: PostgresEventStore[] = [];
  /** A store on a schema of this test's own (a fresh one unless given), closed and dropped after it. */
  function open(options: Partial<PostgresEventStoreOptions> = {}): PostgresEventStore {
    const schema = options.schema ?? tempSchema('es_test');
    const store = new PostgresEventStore({ connectionString: DATABASE_URL, schema, ...options });
    if (!schemas.includes(schema)) schemas.push(schema);
    stores.push(store);
    return store;
  }
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    for (const schema of schemas.splice(0)) await dropSchema(schema);
  });

  it('numbers $all from 1 without gaps, even around rejected appends', async () => {
    const store = open();
    await store.appendToStream('a', [event(), event()], 'no_stream');
    await expect(store.appendToStream('a', [event()], 'no_stream')).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    await store.appendToStream('b', [event()], 'no_stream');
    expect((await store.readAll()).map((e) => e.position)).toEqual([1n, 2n, 3n]);
    expect(await store.headPosition()).toBe(3n);
  });

  it('rejects one append carrying the same event id twice, storing nothing', async () => {
    const store = open();
    const twice = event();
    await expect(store.appendToStream('lead-1', [twice, twice], 'no_stream')).rejects.toBeInstanceOf(
      RangeError,
    );
    expect(await store.readStream('lead-1')).toEqual({ found: false });
    expect(await store.headPosition()).toBe(0n);
  });

  it('filters by prefixes at the edges of the code point range', async () => {
    const store = open();
    const streams = ['a\u{10FFFF}', 'a\u{10FFFF}z', 'b', 'a\uD7FFx', 'a\uE000'];
    for (const stream of streams) await store.appendToStream(stream, [event()], 'no_stream');
    const names = async (streamNamePrefixes: string[]) =>
      (await store.readAll({ filter: { streamNamePrefixes } })).map((e) => e.streamName);

    expect(await names(['a\u{10FFFF}'])).toEqual(['a\u{10FFFF}', 'a\u{10FFFF}z']);
    expect(await names(['a\uD7FF'])).toEqual(['a\uD7FFx']);
    expect(await names([''])).toEqual(streams);
    expect(await names([])).toEqual([]);
    expect(await store.readAll({ filter: { eventTypes: [] } })).toEqual([]);
  });

  it('writes appends handed in together in few transactions: gap-free, each checked against its own stream, one stream at a time', async () => {
    const schema = tempSchema('es_test');
    const store = open({ schema });
    await store.appendToStream('taken', [event()], 'no_stream');
    const retried = [event(), event()];
    await store.appendToStream('retried', retried, 'no_stream');
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 30 }, (_, i) =>
        store.appendToStream(`lead-${i}`, [event(), event()], 'no_stream'),
      ),
      store.appendToStream('taken', [event()], 'no_stream'),
      store.appendToStream('retried', retried, 'no_stream'),
      store.appendToStream('twice', [event()], 'no_stream'),
      store.appendToStream('twice', [event()], 'no_stream'),
    ]);
    const statuses = outcomes.map((outcome) => outcome.status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill('fulfilled'));
    expect((outcomes[30] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect(outcomes[31]).toEqual({ status: 'fulfilled', value: { nextExpectedRevision: 1n, position: 3n } });
    expect(statuses.slice(32).sort()).toEqual(['fulfilled', 'rejected']);
    const positions = (await store.readAll()).map((e) => e.position);
    expect(positions).toEqual(Array.from({ length: 64 }, (_, i) => BigInt(i + 1)));
    for (let i = 0; i < 30; i++) {
      const read = await store.readStream(`lead-${i}`);
      const { value } = outcomes[i] as PromiseFulfilledResult<{ position: bigint }>;
      expect(read.found && read.events.map((e) => [e.revision, e.position])).toEqual([
        [0n, value.position - 1n],
        [1n, value.position],
      ]);
    }
    // Rows one transaction inserted share its xmin: the thirty-three writes took few transactions.
    const [{ n }] = await sql<{ n: string }>(
      `SELECT count(DISTINCT xmin::text) AS n FROM "${schema}".events`,
    );
    expect(Number(n)).toBeLessThanOrEqual(5);
  });

  it('commits the appends handed in before close, rather than dropping them', async () => {
    const schema = tempSchema('es_test');
    const store = open({ schema });
    await store.ping();
    const appends = Array.from({ length: 20 }, (_, i) =>
      store.appendToStream(`lead-${i}`, [event()], 'no_stream'),
    );
    await new Promise((resolve) => setImmediate(resolve));

    await store.close();

    const results = await Promise.all(appends);
    expect(results.map((r) => r.position).sort((a, b) => Number(a - b))).toEqual(
      Array.from({ length: 20 }, (_, i) => BigInt(i + 1)),
    );
    expect(await open({ schema }).headPosition()).toBe(20n);
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => open({ schema: 'leadger"; DROP TABLE x; --' })).toThrow(RangeError);
  });

  describe('migrations', () => {
    it('two instances opening a new schema at once both succeed, each version applied once', async () => {
      const schema = tempSchema('es_test');
      const [left, right] = [open({ schema }), open({ schema })];

      await Promise.all([left.ping(), right.ping(), left.storeId(), right.headPosition()]);

      expect(await left.storeId()).toBe(await right.storeId());
      const versions = await sql<{ version: number }>(
        `SELECT version FROM "${schema}".event_store_migrations ORDER BY version`,
      );
      expect(versions.map((row) => row.version)).toEqual([1, 2]);
    });

    it('opens a schema another program creates at the same moment (the vault may share it)', async () => {
      const schema = tempSchema('es_test');
      const other = new Client({ connectionString: DATABASE_URL });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query(`CREATE SCHEMA "${schema}"`);
        const store = open({ schema });
        // The store's CREATE SCHEMA IF NOT EXISTS waits for the other transaction, then finds it committed.
        const opening = store.ping();
        await new Promise((resolve) => setTimeout(resolve, 200));
        await other.query(`CREATE TABLE "${schema}".vault_thing (id int)`);
        await other.query('COMMIT');
        await expect(opening).resolves.toBeUndefined();
        expect(await store.appendToStream('lead-1', [event()], 'no_stream')).toEqual({
          nextExpectedRevision: 0n,
          position: 1n,
        });
      } finally {
        await other.end();
      }
    });

    it('a reopened store keeps its events, positions and store id, and migrates nothing again', async () => {
      const schema = tempSchema('es_test');
      const first = open({ schema });
      await first.appendToStream('lead-1', [event('A'), event('B')], 'no_stream');
      await first.appendToStream('lead-2', [event('C', { nested: { é: [1, null] } })], 'no_stream');
      const before = await first.readAll();
      const id = await first.storeId();
      const applied = await sql(
        `SELECT version, applied_at FROM "${schema}".event_store_migrations ORDER BY 1`,
      );
      await first.close();

      const reopened = open({ schema });
      expect(await reopened.readAll()).toEqual(before);
      expect(before.map((e) => e.position)).toEqual([1n, 2n, 3n]);
      expect(await reopened.storeId()).toBe(id);
      expect(await reopened.appendToStream('lead-1', [event('D')], 1n)).toEqual({
        nextExpectedRevision: 2n,
        position: 4n,
      });
      expect(
        await sql(`SELECT version, applied_at FROM "${schema}".event_store_migrations ORDER BY 1`),
      ).toEqual(applied);
      expect(await open().storeId()).not.toBe(id);
    });
  });

  it('keeps $all contiguous and in commit order under many concurrent writers, as a live subscription sees it', async () => {
    const writers = 8;
    const lanes = 4;
    const appendsPerLane = 75;
    const schema = tempSchema('es_test');
    const reader = open({ schema, pollIntervalMs: 1000 });
    await reader.ping();
    // Test-only: at commit (a deferred trigger), after an append took its positions and before it becomes
    // visible, some appends linger a few ms: the very window in which positions from a sequence would let
    // a later position show before an earlier one.
    await sql(`CREATE FUNCTION "${schema}".linger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF random() < 0.1 THEN PERFORM pg_sleep(random() * 0.004); END IF; RETURN NULL; END $$`);
    await sql(`CREATE CONSTRAINT TRIGGER linger AFTER INSERT ON "${schema}".events
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "${schema}".linger()`);

    const seen: RecordedEvent[] = [];
    const errors: Error[] = [];
    let caughtUp = false;
    reader.subscribeToAll({
      onEvent: (e) => void seen.push(e),
      onCaughtUp: () => (caughtUp = true),
      onError: (error) => errors.push(error),
    });
    await waitFor(() => caughtUp);
    // A catch-up reader polling readAll from its checkpoint the whole time, as a projector does.
    const polled: bigint[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const page = await reader.readAll({ after: polled[polled.length - 1] ?? 0n, maxCount: 200 });
        polled.push(...page.map((e) => e.position));
        if (page.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();

    const acknowledged: { ids: string[]; position: bigint }[] = [];
    const lane = async (store: PostgresEventStore, name: string) => {
      const revisions = new Map<string, bigint>();
      for (let n = 0; n < appendsPerLane; n++) {
        const batch = Array.from({ length: 1 + Math.floor(Math.random() * 4) }, () => event('Raced'));
        // A quarter go to streams every lane shares, at `any`: they lose races at the write and retry.
        const shared = Math.random() < 0.25;
        const stream = shared ? `hot-${n % 3}` : `${name}-${n % 3}`;
        const expected = shared ? 'any' : (revisions.get(stream) ?? 'no_stream');
        const result = await store.appendToStream(stream, batch, expected);
        if (!shared) revisions.set(stream, result.nextExpectedRevision);
        acknowledged.push({ ids: batch.map((e) => e.id), position: result.position });
      }
    };
    const started = Date.now();
    let total = 0;
    let elapsed = 0;
    try {
      await Promise.all(
        Array.from({ length: writers }, (_, w) => {
          const store = open({ schema, poolSize: lanes });
          return Promise.all(Array.from({ length: lanes }, (_, l) => lane(store, `w${w}-l${l}`)));
        }),
      );
      total = acknowledged.reduce((sum, ack) => sum + ack.ids.length, 0);
      await waitFor(() => seen.length >= total && polled.length >= total, 30_000);
      elapsed = Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      polling = false;
      await poller;
    }

    const contiguous = Array.from({ length: total }, (_, i) => BigInt(i + 1));
    expect(seen.map((e) => e.position)).toEqual(contiguous);
    expect(polled).toEqual(contiguous);
    expect(await reader.headPosition()).toBe(BigInt(total));
    // Every acknowledged batch, exactly once, at the positions its append reported.
    const idAt = new Map(seen.map((e) => [e.position, e.id]));
    for (const { ids, position } of acknowledged) {
      const first = position - BigInt(ids.length) + 1n;
      expect(ids.map((_, i) => idAt.get(first + BigInt(i)))).toEqual(ids);
    }
    expect(new Set(seen.map((e) => e.id)).size).toBe(total);
    expect(errors).toEqual([]);
    console.log(
      `race: ${writers} writers × ${lanes} lanes, ${acknowledged.length} appends, ${total} events, ${elapsed} ms`,
    );
  }, 60_000);

  it('a subscription survives its connections being terminated, and goes on from the last delivered event', async () => {
    const applicationName = `leadger-test-${randomBytes(4).toString('hex')}`;
    const schema = tempSchema('es_test');
    // No poll within the test: after the drop, only the re-established LISTEN can bring events in.
    const reader = open({ schema, applicationName, pollIntervalMs: 60_000 });
    const writer = open({ schema });
    const seen: RecordedEvent[] = [];
    const errors: Error[] = [];
    let caughtUp = false;
    reader.subscribeToAll({
      onEvent: (e) => void seen.push(e),
      onCaughtUp: () => (caughtUp = true),
      onError: (error) => errors.push(error),
    });
    await waitFor(() => caughtUp);
    await writer.appendToStream('lead-1', [event('A'), event('B')], 'no_stream');
    await waitFor(() => seen.length === 2);
    const backends = () =>
      sql<{ query: string }>('SELECT query FROM pg_stat_activity WHERE application_name = $1', [
        applicationName,
      ]);
    expect((await backends()).map((row) => row.query)).toContain(`LISTEN "${schema}_appended"`);

    const terminated = await sql<{ ok: boolean }>(
      'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1',
      [applicationName],
    );
    expect(terminated.length).toBeGreaterThanOrEqual(2);
    expect(terminated.every((row) => row.ok)).toBe(true);
    await writer.appendToStream('lead-1', [event('C')], 1n);
    await waitFor(() => seen.length === 3, 10_000);

    // Listening again: a later append arrives by its notification, long before the poll.
    const deadline = Date.now() + 5000;
    while (!(await backends()).some((row) => row.query === `LISTEN "${schema}_appended"`)) {
      if (Date.now() > deadline) throw new Error('the subscription never listened again');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await writer.appendToStream('lead-2', [event('D')], 'no_stream');
    await waitFor(() => seen.length === 4, 5000);
    expect(seen.map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
    expect(seen.map((e) => e.position)).toEqual([1n, 2n, 3n, 4n]);
    expect(errors).toEqual([]);
    // The reader's own pool replaced its terminated connections too.
    await expect(reader.appendToStream('lead-2', [event('E')], 0n)).resolves.toEqual({
      nextExpectedRevision: 1n,
      position: 5n,
    });
  }, 30_000);

  it('answers EventStoreUnavailableError, keeping the cause, when the server cannot be reached', async () => {
    const store = new PostgresEventStore({
      connectionString: 'postgres://postgres@127.0.0.1:1/test',
      subscriptionRetry: { minMs: 10, maxMs: 20, maxFailures: 3 },
    });
    try {
      const refused = await store.ping().catch((reason: unknown) => reason);
      expect(refused).toBeInstanceOf(EventStoreUnavailableError);
      expect((refused as EventStoreUnavailableError).code).toBe('unavailable');
      expect((refused as EventStoreUnavailableError).cause).toMatchObject({ code: 'ECONNREFUSED' });
      await expect(store.appendToStream('lead-1', [event()], 'no_stream')).rejects.toBeInstanceOf(
        EventStoreUnavailableError,
      );
      await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);

      const errors: Error[] = [];
      let delivered = 0;
      let caughtUp = false;
      store.subscribeToAll({
        onEvent: () => void (delivered += 1),
        onCaughtUp: () => (caughtUp = true),
        onError: (error) => errors.push(error),
      });
      await waitFor(() => errors.length > 0);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(EventStoreUnavailableError);
      expect(errors[0].message).toMatch(/gave up after 3 failed reads/);
      expect([delivered, caughtUp]).toEqual([0, false]);
    } finally {
      await store.close();
    }
  });

  it('answers EventStoreUnavailableError once closed', async () => {
    const store = open();
    await store.ping();
    await store.close();
    await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.appendToStream('lead-1', [event()], 'any')).rejects.toBeInstanceOf(
      EventStoreUnavailableError,
    );
  });
});
