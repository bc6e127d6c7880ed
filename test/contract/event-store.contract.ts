import { v4 as uuid } from 'uuid';
import type {
  EventData,
  EventStore,
  JsonObject,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from '../../libs/event-store/src/event-store';
import { WrongExpectedRevisionError } from '../../libs/event-store/src/errors';

/**
 * The event store contract: exact revisions, errors and deliveries that every adapter must show, with no
 * per-adapter offsets. Adapters may share a server with other runs, so every test writes to stream names
 * of its own (`${name}-${uuid}`), filters `$all` by a prefix it alone uses, and never assumes an empty
 * store or an absolute `$all` position — only their order.
 */
export function eventStoreContract(
  adapterName: string,
  factory: () => Promise<{ store: EventStore; dispose: () => Promise<void> }>,
): void {
  describe(`event store contract: ${adapterName}`, () => {
    let store: EventStore;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      ({ store, dispose } = await factory());
    });
    afterAll(async () => {
      await dispose();
    });

    const revisions = (events: readonly RecordedEvent[]) => events.map((event) => event.revision);

    async function read(stream: string): Promise<readonly RecordedEvent[]> {
      const result = await store.readStream(stream);
      if (!result.found) throw new Error(`stream ${stream} not found`);
      return result.events;
    }

    async function conflictOf(append: Promise<unknown>): Promise<WrongExpectedRevisionError> {
      const error = await append.then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      return error as WrongExpectedRevisionError;
    }

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    describe('append', () => {
      it('to no_stream creates the stream at revision 0n, and a second no_stream append conflicts', async () => {
        const stream = streamName('lead');
        const first = event('LeadCaptured');

        const result = await store.appendToStream(stream, [first], 'no_stream');
        expect(result.nextExpectedRevision).toBe(0n);
        expect(typeof result.position).toBe('bigint');

        const error = await conflictOf(store.appendToStream(stream, [event('LeadCaptured')], 'no_stream'));
        expect(error.code).toBe('concurrency');
        expect({ stream: error.stream, expected: error.expected, actual: error.actual }).toEqual({
          stream,
          expected: 'no_stream',
          actual: 0n,
        });
        expect(ids(await read(stream))).toEqual([first.id]);
      });

      it('gives a batch consecutive revisions and reports the last one', async () => {
        const stream = streamName('lead');
        const batch = [event('A'), event('B'), event('C')];

        const result = await store.appendToStream(stream, batch, 'no_stream');

        expect(result.nextExpectedRevision).toBe(2n);
        const stored = await read(stream);
        expect(revisions(stored)).toEqual([0n, 1n, 2n]);
        expect(ids(stored)).toEqual(ids(batch));
        expect(result.position).toBe(stored[2].position);
      });

      it('with stream_exists conflicts on a missing stream and appends to an existing one', async () => {
        const stream = streamName('lead');

        const error = await conflictOf(store.appendToStream(stream, [event('A')], 'stream_exists'));
        expect([error.stream, error.expected, error.actual]).toEqual([stream, 'stream_exists', 'no_stream']);
        expect(await store.readStream(stream)).toEqual({ found: false });

        await store.appendToStream(stream, [event('A')], 'no_stream');
        const result = await store.appendToStream(stream, [event('B')], 'stream_exists');
        expect(result.nextExpectedRevision).toBe(1n);
      });

      it('with an exact revision appends only when it is the last revision', async () => {
        const stream = streamName('lead');
        const missing = await conflictOf(store.appendToStream(stream, [event('A')], 0n));
        expect([missing.stream, missing.expected, missing.actual]).toEqual([stream, 0n, 'no_stream']);

        await store.appendToStream(stream, [event('A'), event('B')], 'no_stream');
        const stale = await conflictOf(store.appendToStream(stream, [event('C')], 0n));
        expect([stale.stream, stale.expected, stale.actual]).toEqual([stream, 0n, 1n]);
        const ahead = await conflictOf(store.appendToStream(stream, [event('C')], 2n));
        expect([ahead.expected, ahead.actual]).toEqual([2n, 1n]);

        const result = await store.appendToStream(stream, [event('C')], 1n);
        expect(result.nextExpectedRevision).toBe(2n);
        expect(revisions(await read(stream))).toEqual([0n, 1n, 2n]);
      });

      it('with any creates a missing stream and appends to an existing one', async () => {
        const stream = streamName('lead');
        expect((await store.appendToStream(stream, [event('A')], 'any')).nextExpectedRevision).toBe(0n);
        expect(
          (await store.appendToStream(stream, [event('B'), event('C')], 'any')).nextExpectedRevision,
        ).toBe(2n);
      });

      it('of no events checks the expectation and stores nothing', async () => {
        const stream = streamName('lead');
        await store.appendToStream(stream, [event('A'), event('B')], 'no_stream');

        expect((await store.appendToStream(stream, [], 1n)).nextExpectedRevision).toBe(1n);
        const error = await conflictOf(store.appendToStream(stream, [], 0n));
        expect([error.expected, error.actual]).toEqual([0n, 1n]);
        expect(revisions(await read(stream))).toEqual([0n, 1n]);
      });

      it('lets exactly one of two racing appends at the same revision win', async () => {
        const stream = streamName('lead');
        await store.appendToStream(stream, [event('LeadCaptured')], 'no_stream');
        const left = event('LeadAccepted');
        const right = event('LeadAccepted');

        const outcomes = await Promise.allSettled([
          store.appendToStream(stream, [left], 0n),
          store.appendToStream(stream, [right], 0n),
        ]);

        const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(won[0].value.nextExpectedRevision).toBe(1n);
        const error = lost[0].reason as WrongExpectedRevisionError;
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect([error.stream, error.expected, error.actual]).toEqual([stream, 0n, 1n]);
        const winner = outcomes[0].status === 'fulfilled' ? left : right;
        expect(ids(await read(stream))[1]).toBe(winner.id);
        expect(revisions(await read(stream))).toEqual([0n, 1n]);
      });

      it('lets exactly one of ten racing no_stream creations win, storing one batch', async () => {
        const stream = streamName('lead');
        const batches = Array.from({ length: 10 }, () => [event('LeadCaptured'), event('LeadAssigned')]);

        const outcomes = await Promise.allSettled(
          batches.map((batch) => store.appendToStream(stream, batch, 'no_stream')),
        );

        const winners = outcomes.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [i] : []));
        expect(winners).toHaveLength(1);
        for (const outcome of outcomes) {
          if (outcome.status === 'fulfilled') {
            expect(outcome.value.nextExpectedRevision).toBe(1n);
          } else {
            expect(outcome.reason).toBeInstanceOf(WrongExpectedRevisionError);
            expect((outcome.reason as WrongExpectedRevisionError).actual).toBe(1n);
          }
        }
        expect(ids(await read(stream))).toEqual(ids(batches[winners[0]]));
      });
    });

    describe('idempotent retry', () => {
      it('of a no_stream append returns the original result and stores nothing twice', async () => {
        const stream = streamName('lead');
        const batch = [event('A'), event('B')];
        const original = await store.appendToStream(stream, batch, 'no_stream');

        expect(await store.appendToStream(stream, batch, 'no_stream')).toEqual(original);
        expect(ids(await read(stream))).toEqual(ids(batch));
      });

      it('of an exact-revision append returns the original result, even after the stream moved on', async () => {
        const stream = streamName('lead');
        await store.appendToStream(stream, [event('A')], 'no_stream');
        const batch = [event('B'), event('C')];
        const original = await store.appendToStream(stream, batch, 0n);
        expect(original.nextExpectedRevision).toBe(2n);
        await store.appendToStream(stream, [event('D')], 2n);

        expect(await store.appendToStream(stream, batch, 0n)).toEqual(original);
        expect(revisions(await read(stream))).toEqual([0n, 1n, 2n, 3n]);
      });

      it('of an any append returns the original result', async () => {
        const stream = streamName('lead');
        const batch = [event('A'), event('B')];
        const original = await store.appendToStream(stream, batch, 'any');

        expect(await store.appendToStream(stream, batch, 'any')).toEqual(original);
        expect(ids(await read(stream))).toEqual(ids(batch));
      });

      it('that only partly matches the stored events conflicts and stores nothing', async () => {
        const stream = streamName('lead');
        const [a, b] = [event('A'), event('B')];
        await store.appendToStream(stream, [a, b], 'no_stream');

        const error = await conflictOf(store.appendToStream(stream, [a, event('C')], 'no_stream'));
        expect([error.stream, error.expected, error.actual]).toEqual([stream, 'no_stream', 1n]);
        expect(ids(await read(stream))).toEqual([a.id, b.id]);
      });
    });

    describe('readStream', () => {
      it('answers found: false for a missing stream, in both directions', async () => {
        const stream = streamName('missing');
        expect(await store.readStream(stream)).toEqual({ found: false });
        expect(await store.readStream(stream, { direction: 'backwards' })).toEqual({ found: false });
      });

      it('reads ranges forwards and backwards with fromRevision (inclusive) and maxCount', async () => {
        const stream = streamName('lead');
        const batch = Array.from({ length: 10 }, (_, n) => event('Numbered', { n }));
        await store.appendToStream(stream, batch, 'no_stream');
        const range = async (options: Parameters<EventStore['readStream']>[1]) => {
          const result = await store.readStream(stream, options);
          return result.found ? result.events.map((e) => Number(e.revision)) : 'not found';
        };

        expect(await range({})).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect(await range({ fromRevision: 3n, maxCount: 4 })).toEqual([3, 4, 5, 6]);
        expect(await range({ fromRevision: 8n })).toEqual([8, 9]);
        expect(await range({ maxCount: 1 })).toEqual([0]);
        expect(await range({ direction: 'backwards' })).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
        expect(await range({ direction: 'backwards', fromRevision: 5n, maxCount: 3 })).toEqual([5, 4, 3]);
        expect(await range({ direction: 'backwards', maxCount: 2 })).toEqual([9, 8]);
        expect(await range({ direction: 'backwards', fromRevision: 1n })).toEqual([1, 0]);
        expect(await range({ fromRevision: 10n })).toEqual([]);
        expect(await range({ fromRevision: 25n })).toEqual([]);
        expect(await range({ fromRevision: 9n, maxCount: 1 })).toEqual([9]);
        expect(await range({ fromRevision: 4n, maxCount: 0 })).toEqual([]);
      });

      it('answers found: false for a missing stream read from a revision', async () => {
        expect(await store.readStream(streamName('missing'), { fromRevision: 3n })).toEqual({ found: false });
        expect(await store.readStream(streamName('missing'), { fromRevision: 1n, maxCount: 5 })).toEqual({
          found: false,
        });
      });

      it('returns each event as appended, with its stream, revision, position and creation time', async () => {
        const stream = streamName('lead');
        const before = Date.now();
        const appended = [event('LeadCaptured', { email: 'a@b.c' }, { actor: 'u1' }), event('LeadAssigned')];
        const result = await store.appendToStream(stream, appended, 'no_stream');

        const stored = await read(stream);

        expect(stored.map(({ created: _created, position: _position, ...rest }) => rest)).toEqual([
          { ...appended[0], streamName: stream, revision: 0n },
          { ...appended[1], streamName: stream, revision: 1n },
        ]);
        expect(stored[1].position).toBe(result.position);
        expect(stored[0].position).toBeLessThan(stored[1].position);
        for (const recorded of stored) {
          expect(recorded.created).toBeInstanceOf(Date);
          expect(recorded.created.getTime()).toBeGreaterThanOrEqual(before - 5000);
          expect(recorded.created.getTime()).toBeLessThanOrEqual(Date.now() + 5000);
        }
      });

      it('round-trips data and metadata exactly: nested JSON, unicode, escapes, numbers', async () => {
        const stream = streamName('lead');
        const data: JsonObject = {
          name: 'Zoë Ñandú — 李小龍 🚀👩‍👩‍👧 مرحبا',
          escapes: 'quote " backslash \\ newline \n tab \t nul-ish \u0001',
          numbers: [0, -1, 3.25, 1e21, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER],
          flags: { yes: true, no: false, nothing: null },
          nested: { deeper: { list: [[], {}, [{ k: 'v' }]], empty: '' } },
        };
        const metadata: JsonObject = { correlationId: uuid(), 'clé unicode ✓': ['ü', { x: null }] };
        const appended = event('LeadCaptured', data, metadata);
        await store.appendToStream(stream, [appended], 'no_stream');

        const [fromStream] = await read(stream);
        expect(fromStream.data).toEqual(data);
        expect(fromStream.metadata).toEqual(metadata);
        const [fromAll] = await store.readAll({ filter: { streamNamePrefixes: [stream] } });
        expect(JSON.stringify(fromAll.data)).toBe(JSON.stringify(data));
        expect(JSON.stringify(fromAll.metadata)).toBe(JSON.stringify(metadata));
      });
    });

    describe('readAll', () => {
      /** Interleaved appends to two streams under one fresh prefix; returns the ids in append order. */
      async function interleaved(prefix: string) {
        const [a1, b1, a2, a3, b2] = [event('A'), event('B'), event('A'), event('A'), event('B')];
        const results = [
          await store.appendToStream(`${prefix}a`, [a1], 'no_stream'),
          await store.appendToStream(`${prefix}b`, [b1], 'no_stream'),
          await store.appendToStream(`${prefix}a`, [a2, a3], 0n),
          await store.appendToStream(`${prefix}b`, [b2], 0n),
        ];
        return { order: [a1, b1, a2, a3, b2].map((e) => e.id), results };
      }

      it('orders events of all streams by position, strictly increasing, in append order', async () => {
        const prefix = `${streamName('order')}-`;
        const { order, results } = await interleaved(prefix);

        const all = await store.readAll({ filter: { streamNamePrefixes: [prefix] } });

        expect(ids(all)).toEqual(order);
        for (let i = 1; i < all.length; i++) expect(all[i].position).toBeGreaterThan(all[i - 1].position);
        expect(all.map((e) => `${e.streamName.slice(prefix.length)}${e.revision}`)).toEqual([
          'a0',
          'b0',
          'a1',
          'a2',
          'b1',
        ]);
        expect(results.map((r) => r.position)).toEqual(
          [all[0], all[1], all[3], all[4]].map((e) => e.position),
        );
        const streamA = await read(`${prefix}a`);
        expect(streamA.map((e) => e.position)).toEqual([all[0], all[2], all[3]].map((e) => e.position));
      });

      it('reads strictly after the `after` position, up to maxCount', async () => {
        const prefix = `${streamName('after')}-`;
        const { order } = await interleaved(prefix);
        const filter = { streamNamePrefixes: [prefix] };
        const all = await store.readAll({ filter });

        expect(ids(await store.readAll({ filter, after: all[1].position }))).toEqual(order.slice(2));
        expect(ids(await store.readAll({ filter, after: all[4].position }))).toEqual([]);
        expect(ids(await store.readAll({ filter, maxCount: 2 }))).toEqual(order.slice(0, 2));
        expect(ids(await store.readAll({ filter, after: all[0].position, maxCount: 3 }))).toEqual(
          order.slice(1, 4),
        );
      });

      it('filters by stream name prefix, literally (no wildcards), including unicode prefixes', async () => {
        const id = uuid();
        const wanted = [`pct%_${id}-x`, `pct%_${id}`, `ünï-${id}-1`];
        const unwanted = [`pctAB${id}-x`, `pct%_${id.slice(0, -1)}`, `ünj-${id}-1`, `ün-${id}`];
        const appended: Record<string, string> = {};
        for (const stream of [...wanted, ...unwanted]) {
          const e = event('Noted');
          appended[stream] = e.id;
          await store.appendToStream(stream, [e], 'no_stream');
        }

        const all = await store.readAll({ filter: { streamNamePrefixes: [`pct%_${id}`, `ünï-${id}`] } });

        expect(all.map((e) => e.streamName)).toEqual(wanted);
        expect(ids(all)).toEqual(wanted.map((stream) => appended[stream]));
      });

      it('filters by exact event type', async () => {
        const stream = streamName('types');
        const t = `T${uuid().replace(/-/g, '')}`;
        const batch = [event(`${t}Placed`), event(`${t}PlacedLate`), event(`${t}Other`), event(`${t}Placed`)];
        await store.appendToStream(stream, batch, 'no_stream');

        const all = await store.readAll({ filter: { eventTypes: [`${t}Placed`, `${t}Other`] } });

        expect(ids(all)).toEqual([batch[0], batch[2], batch[3]].map((e) => e.id));
        expect(revisions(all)).toEqual([0n, 2n, 3n]);
      });

      it('with metadataFields gives at least those metadata fields, as stored', async () => {
        const stream = streamName('lean');
        const metadata = { occurredAt: '2025-03-03T09:00:00.000Z', hash: 'f'.repeat(64), n: 7 };
        const [stored] = [event('Lean', { x: 1 }, metadata)];
        await store.appendToStream(stream, [stored], 'no_stream');

        const all = await store.readAll({
          filter: { streamNamePrefixes: [stream] },
          metadataFields: ['occurredAt', 'n'],
        });

        expect(all).toHaveLength(1);
        expect(all[0]).toMatchObject({ id: stored.id, type: 'Lean', data: { x: 1 } });
        expect(all[0].metadata).toMatchObject({ occurredAt: metadata.occurredAt, n: 7 });
      });

      it('with types gives only events of those types among those the filter keeps', async () => {
        const stream = streamName('only-types');
        const t = `T${uuid().replace(/-/g, '')}`;
        const batch = [event(`${t}A`), event(`${t}B`), event(`${t}C`), event(`${t}A`)];
        await store.appendToStream(stream, batch, 'no_stream');
        await store.appendToStream(streamName('other'), [event(`${t}A`)], 'no_stream');
        const filter = { streamNamePrefixes: [stream] };

        const both = await store.readAll({ filter, types: [`${t}A`, `${t}C`] });
        expect(ids(both)).toEqual([batch[0], batch[2], batch[3]].map((e) => e.id));
        expect(
          ids(await store.readAll({ filter, types: [`${t}A`], maxCount: 1, after: both[0].position })),
        ).toEqual([batch[3].id]);
        expect(await store.readAll({ filter, types: [] })).toEqual([]);
      });

      it('with occurredBefore gives only events that happened strictly before it, in any offset', async () => {
        const stream = streamName('occurred');
        const filter = { streamNamePrefixes: [stream] };
        const { batch, before, bound } = businessTimes();
        await store.appendToStream(stream, batch, 'no_stream');

        expect(ids(await store.readAll({ filter, occurredBefore: bound }))).toEqual(ids(before));
        expect(ids(await store.readAll({ filter, occurredBefore: bound, maxCount: 2 }))).toEqual(
          ids(before.slice(0, 2)),
        );
        const [, second] = await store.readAll({ filter });
        expect(ids(await store.readAll({ filter, occurredBefore: bound, after: second.position }))).toEqual(
          ids(before.slice(1)),
        );
        const lean = await store.readAll({ filter, occurredBefore: bound, metadataFields: ['occurredAt'] });
        expect(ids(lean)).toEqual(ids(before));

        // Backdated, appended after events that happened later: the same moment asked again finds it last.
        const late = event('Timed', {}, { occurredAt: '2024-12-31T00:00:00.000Z' });
        await store.appendToStream(stream, [late], BigInt(batch.length - 1));
        expect(ids(await store.readAll({ filter, occurredBefore: bound }))).toEqual(ids([...before, late]));
        const [lastBefore] = (await store.readAll({ filter, occurredBefore: bound })).slice(-2);
        expect(
          ids(await store.readAll({ filter, occurredBefore: bound, after: lastBefore.position })),
        ).toEqual([late.id]);

        expect(
          ids(await store.readAll({ filter, occurredBefore: new Date('1970-01-01T00:00:00Z') })),
        ).toEqual([]);
      });
    });

    describe('headPosition', () => {
      it('is the position of the last event appended, and a read after it finds nothing newer', async () => {
        const stream = streamName('head');
        const first = await store.appendToStream(stream, [event('A')], 'no_stream');
        const head = await store.headPosition();
        expect(head).toBeGreaterThanOrEqual(first.position);
        const second = await store.appendToStream(stream, [event('B'), event('C')], 0n);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(second.position);
        expect(second.position).toBeGreaterThan(head);
        const after = await store.readAll({ after: await store.headPosition() });
        expect(after.filter((e) => e.streamName === stream)).toEqual([]);
      });
    });

    describe('storeId', () => {
      it('is one id, the same for every caller, also when first asked by several at once', async () => {
        const ids = await Promise.all([store.storeId(), store.storeId(), store.storeId()]);
        expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        expect(new Set(ids)).toEqual(new Set([ids[0]]));
        expect(await store.storeId()).toBe(ids[0]);
      });
    });

    describe('subscribeToAll', () => {
      const running: Subscription[] = [];
      afterEach(async () => {
        await Promise.all(running.splice(0).map((subscription) => subscription.stop()));
      });

      /** A subscription that records what it is given. */
      function subscribe(options: Omit<SubscribeToAllOptions, 'onEvent'> & Partial<SubscribeToAllOptions>) {
        const seen: RecordedEvent[] = [];
        const caughtUp: (bigint | undefined)[] = [];
        const errors: Error[] = [];
        const subscription = store.subscribeToAll({
          onEvent: (e) => {
            seen.push(e);
          },
          onCaughtUp: (position) => caughtUp.push(position),
          onError: (error) => errors.push(error),
          ...options,
        });
        running.push(subscription);
        return { subscription, seen, caughtUp, errors };
      }

      it('catches up, goes live, and resumes from its checkpoint with nothing redelivered or skipped', async () => {
        const prefix = `${streamName('sub')}-`;
        const filter = { streamNamePrefixes: [prefix] };
        const history = [event('A'), event('B'), event('C'), event('D'), event('E')];
        await store.appendToStream(`${prefix}1`, history.slice(0, 3), 'no_stream');
        await store.appendToStream(`${prefix}2`, history.slice(3), 'no_stream');

        const first = subscribe({ filter });
        await waitFor(() => first.caughtUp.length > 0);
        expect(ids(first.seen)).toEqual(ids(history));
        expect(first.caughtUp[0]).toBe(first.seen[4].position);

        const live = [event('F'), event('G'), event('H')];
        await store.appendToStream(`${prefix}1`, live.slice(0, 2), 2n);
        await store.appendToStream(`${prefix}3`, live.slice(2), 'no_stream');
        await waitFor(() => first.seen.length >= 8);
        await first.subscription.stop();
        const checkpoint = first.seen[first.seen.length - 1].position;
        expect(ids(first.seen)).toEqual(ids([...history, ...live]));

        const whileStopped = [event('I'), event('J')];
        await store.appendToStream(`${prefix}2`, whileStopped, 1n);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(first.seen).toHaveLength(8);

        const second = subscribe({ filter, after: checkpoint });
        await waitFor(() => second.caughtUp.length > 0);
        expect(ids(second.seen)).toEqual(ids(whileStopped));
        expect(revisions(second.seen)).toEqual([2n, 3n]);
        expect(second.caughtUp[0]).toBe(second.seen[1].position);

        const later = event('K');
        await store.appendToStream(`${prefix}2`, [later], 3n);
        await waitFor(() => second.seen.length >= 3);
        expect(ids(second.seen)).toEqual(ids([...whileStopped, later]));
        expect(first.errors).toEqual([]);
        expect(second.errors).toEqual([]);
      });

      it('from a checkpoint in the middle delivers exactly the events after it', async () => {
        const prefix = `${streamName('mid')}-`;
        const filter = { streamNamePrefixes: [prefix] };
        const history = [event('A'), event('B'), event('C'), event('D')];
        await store.appendToStream(`${prefix}1`, history, 'no_stream');
        const [, second] = await store.readAll({ filter });

        const resumed = subscribe({ filter, after: second.position });
        await waitFor(() => resumed.caughtUp.length > 0);

        expect(ids(resumed.seen)).toEqual(ids(history.slice(2)));
        expect(resumed.caughtUp[0]).toBe(resumed.seen[1].position);
      });

      it('with nothing to deliver reports caught up at its checkpoint, then delivers live events', async () => {
        const prefix = `${streamName('empty')}-`;
        const filter = { eventTypes: [`Type-${uuid()}`] };
        const fromStart = subscribe({ filter });
        await waitFor(() => fromStart.caughtUp.length > 0);
        expect(fromStart.caughtUp[0]).toBeUndefined();

        const appended = event(filter.eventTypes[0]);
        await store.appendToStream(`${prefix}1`, [appended], 'no_stream');
        await waitFor(() => fromStart.seen.length > 0);
        expect(ids(fromStart.seen)).toEqual([appended.id]);

        const fromCheckpoint = subscribe({ filter, after: fromStart.seen[0].position });
        await waitFor(() => fromCheckpoint.caughtUp.length > 0);
        expect(fromCheckpoint.caughtUp[0]).toBe(fromStart.seen[0].position);
        expect(fromCheckpoint.seen).toEqual([]);
      });

      it('delivers one event at a time, and stop() resolves only once the running onEvent is done', async () => {
        const prefix = `${streamName('slow')}-`;
        await store.appendToStream(`${prefix}1`, [event('A'), event('B'), event('C')], 'no_stream');
        let running = 0;
        let overlapped = false;
        const started: string[] = [];
        const finished: string[] = [];
        const slow = subscribe({
          filter: { streamNamePrefixes: [prefix] },
          onEvent: async (e) => {
            running += 1;
            overlapped ||= running > 1;
            started.push(e.id);
            await new Promise((resolve) => setTimeout(resolve, 30));
            finished.push(e.id);
            running -= 1;
          },
        });
        await waitFor(() => started.length === 2);

        await slow.subscription.stop();

        expect(running).toBe(0);
        expect(overlapped).toBe(false);
        expect(finished).toEqual(started);
        await new Promise((resolve) => setTimeout(resolve, 60));
        expect(started).toHaveLength(2);
      });

      it('with occurredBefore delivers only events that happened before it, also live ones', async () => {
        const stream = streamName('sub-occurred');
        const filter = { streamNamePrefixes: [stream] };
        const { batch, before, bound } = businessTimes();
        await store.appendToStream(stream, batch, 'no_stream');

        const bounded = subscribe({ filter, occurredBefore: bound });
        const typed = subscribe({ filter, occurredBefore: bound, types: ['Late'] });
        await waitFor(() => bounded.caughtUp.length > 0 && typed.caughtUp.length > 0);
        expect(ids(bounded.seen)).toEqual(ids(before));
        expect(bounded.caughtUp[0]).toBe(bounded.seen[before.length - 1].position);
        expect(typed.seen).toEqual([]);

        // A backdated import appended later still happened before the bound: it is delivered live.
        const later = event('Late', {}, { occurredAt: '2025-06-30T12:00:00.000Z' });
        const after = event('After', {}, { occurredAt: '2025-07-02T00:00:00.000Z' });
        await store.appendToStream(stream, [after, later], BigInt(batch.length - 1));
        await waitFor(() => bounded.seen.length > before.length);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(ids(bounded.seen)).toEqual(ids([...before, later]));
        await waitFor(() => typed.seen.length > 0);
        expect(ids(typed.seen)).toEqual([later.id]);
        expect(bounded.errors).toEqual([]);
        expect(typed.errors).toEqual([]);
      });

      it('stops and reports through onError when onEvent throws', async () => {
        const prefix = `${streamName('boom')}-`;
        await store.appendToStream(`${prefix}1`, [event('A'), event('B'), event('C')], 'no_stream');
        const boom = new Error('boom');
        const calls: string[] = [];
        const failing = subscribe({
          filter: { streamNamePrefixes: [prefix] },
          onEvent: (e) => {
            calls.push(e.id);
            if (calls.length === 2) throw boom;
          },
        });
        await waitFor(() => failing.errors.length > 0);

        expect(failing.errors).toEqual([boom]);
        await store.appendToStream(`${prefix}1`, [event('D')], 2n);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(calls).toHaveLength(2);
        expect(failing.caughtUp).toEqual([]);
        await failing.subscription.stop();
      });
    });
  });
}

function streamName(kind: string): string {
  return `${kind}-${uuid()}`;
}

function event(type: string, data: JsonObject = {}, metadata: JsonObject = {}): EventData {
  return { id: uuid(), type, data, metadata };
}

/**
 * Events around the bound 2025-07-01T00:00Z, in append order (not time order), and those strictly before
 * it: an offset puts a time written on July 1 before the bound, the bound itself is not before it, and an
 * event without a business time (or with one that is not a date) never happened before anything.
 */
function businessTimes(): { batch: EventData[]; before: EventData[]; bound: Date } {
  const at = (occurredAt: string | number | null) =>
    event('Timed', {}, occurredAt === null ? {} : { occurredAt });
  const batch = [
    at('2025-06-30T23:59:59.999Z'),
    at('2025-07-01T00:00:00.000Z'),
    at('2025-01-01T00:00:00.000Z'),
    at('2025-07-01T01:00:00.000+02:00'),
    at(null),
    at('not a date'),
    at(1_700_000_000_000),
    at('2025-12-31T00:00:00.000Z'),
    at('2025-07-01T00:00:00.001Z'),
  ];
  return { batch, before: [batch[0], batch[2], batch[3]], bound: new Date('2025-07-01T00:00:00.000Z') };
}

function ids(events: readonly { readonly id: string }[]): string[] {
  return events.map((e) => e.id);
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
