import { ChangeSet, CommitRefusedError, type Change, type ReadStore } from '@leadger/read-store';

/** A fresh, empty store and a way to get rid of it (and of anything it wrote). */
export type ReadStoreFactory = () => Promise<{ store: ReadStore; dispose: () => Promise<void> }>;

function changes(...list: Change[]): ChangeSet {
  const set = new ChangeSet();
  for (const change of list) set.add(change);
  return set;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The read-store contract: one function, called once per adapter, with exact expectations. */
export function readStoreContract(name: string, factory: ReadStoreFactory): void {
  describe(`read store contract: ${name}`, () => {
    let store: ReadStore;
    let dispose: () => Promise<void>;
    beforeEach(async () => ({ store, dispose } = await factory()));
    afterEach(() => dispose());

    const commit = (set: ChangeSet, expected: bigint | null = null, position = 1n, storeId = 'log-a') =>
      store.commit({
        changes: set,
        checkpoints: [{ id: 'm', expected, position, version: 1, storeId }],
        leases: [],
      });

    it('writes hash fields and counters and reads them back', async () => {
      await commit(
        changes(
          { op: 'hset', key: 'm:h', field: 'doc', value: '{"a":1}' },
          { op: 'hset', key: 'm:h', field: 'name', value: 'Zoë Ångström 🚀' },
          { op: 'hsetdoc', key: 'm:h', field: 'json', doc: { note: 'naïve "quoted"', n: [1, null] } },
          { op: 'hincr', key: 'm:h', field: 'n', by: 2 },
          { op: 'hincr', key: 'm:h', field: 'n', by: 3 },
          { op: 'hincr', key: 'm:h', field: 'zero', by: 0 },
          { op: 'hset', key: 'm:h', field: 'gone', value: 'x' },
          { op: 'hdel', key: 'm:h', field: 'gone' },
        ),
      );
      await commit(changes({ op: 'hincr', key: 'm:h', field: 'n', by: -1 }), 1n, 2n);
      expect(await store.hgetall(['m:h', 'm:missing'])).toEqual([
        {
          doc: '{"a":1}',
          name: 'Zoë Ångström 🚀',
          json: '{"note":"naïve \\"quoted\\"","n":[1,null]}',
          n: '4',
          zero: '0',
        },
        {},
      ]);
      expect(
        await store.hmget([
          { key: 'm:h', field: 'n' },
          { key: 'm:missing', field: 'n' },
          { key: 'm:h', field: 'doc' },
        ]),
      ).toEqual(['4', null, '{"a":1}']);
    });

    it('keeps an empty value and one of megabytes whole', async () => {
      const big = 'ü€😀'.repeat(300_000);
      await commit(
        changes(
          { op: 'hset', key: 'm:h', field: 'empty', value: '' },
          { op: 'hset', key: 'm:h', field: 'big', value: big },
          { op: 'zadd', key: 'm:z', member: '', score: -1.5 },
        ),
      );
      const [stored] = await store.hgetall(['m:h']);
      expect(stored.empty).toBe('');
      expect(stored.big === big).toBe(true);
      expect(await store.zpage('m:z')).toEqual([{ member: '', score: -1.5 }]);
    });

    it('pages a sorted set by score, both ways, resuming after a cursor among ties', async () => {
      const entries: Change[] = ['b', 'a', 'c', 'd', 'e'].map((member, i) => ({
        op: 'zadd',
        key: 'm:z',
        member,
        score: i < 3 ? 10 : 20 + i,
      }));
      await commit(changes(...entries, { op: 'zadd', key: 'm:z', member: 'x', score: 1 }));
      await commit(changes({ op: 'zrem', key: 'm:z', member: 'x' }), 1n, 2n);
      const members = (page: { member: string }[]) => page.map((entry) => entry.member);
      expect(await store.zpage('m:z')).toEqual([
        { member: 'a', score: 10 },
        { member: 'b', score: 10 },
        { member: 'c', score: 10 },
        { member: 'd', score: 23 },
        { member: 'e', score: 24 },
      ]);
      expect(members(await store.zpage('m:z', { after: { member: 'a', score: 10 }, limit: 2 }))).toEqual([
        'b',
        'c',
      ]);
      expect(
        members(await store.zpage('m:z', { min: 10, max: 23, after: { member: 'c', score: 10 } })),
      ).toEqual(['d']);
      expect(members(await store.zpage('m:z', { reverse: true, limit: 3 }))).toEqual(['e', 'd', 'c']);
      expect(
        members(await store.zpage('m:z', { reverse: true, after: { member: 'b', score: 10 }, limit: 5 })),
      ).toEqual(['a']);
      expect(await store.zcard('m:z')).toBe(5);
      expect(members(await store.zrangeByRank('m:z', 2, 3))).toEqual(['c', 'd']);
      expect(await store.zrangeByRank('m:missing', 0, 0)).toEqual([]);
    });

    it('moves the checkpoint with the changes, and refuses a commit from a stale writer', async () => {
      expect(await store.readCheckpoints(['m'])).toEqual(new Map([['m', null]]));
      await commit(changes({ op: 'hincr', key: 'm:c', field: 'n', by: 1 }), null, 7n);
      expect(await store.readCheckpoints(['m'])).toEqual(
        new Map([['m', { id: 'm', position: 7n, version: 1, storeId: 'log-a' }]]),
      );

      for (const expected of [null, 6n]) {
        const refused = commit(changes({ op: 'hincr', key: 'm:c', field: 'n', by: 1 }), expected, 9n);
        await expect(refused).rejects.toBeInstanceOf(CommitRefusedError);
        await expect(refused).rejects.toMatchObject({ reason: 'checkpoint', subject: 'm' });
      }
      expect(await store.hgetall(['m:c'])).toEqual([{ n: '1' }]);
      expect((await store.readCheckpoints(['m'])).get('m')?.position).toBe(7n);
    });

    it('keeps the event store a checkpoint was built from, and refuses a move from another one', async () => {
      await commit(changes({ op: 'hincr', key: 'm:c', field: 'n', by: 1 }), null, 5n, 'log-a');
      await commit(changes({ op: 'hincr', key: 'm:c', field: 'n', by: 1 }), 5n, 6n, 'log-a');
      const foreign = commit(changes({ op: 'hincr', key: 'm:c', field: 'n', by: 1 }), 6n, 7n, 'log-b');
      await expect(foreign).rejects.toMatchObject({ reason: 'checkpoint', subject: 'm' });
      expect(await store.hgetall(['m:c'])).toEqual([{ n: '2' }]);
      expect((await store.readCheckpoints(['m'])).get('m')).toEqual({
        id: 'm',
        position: 6n,
        version: 1,
        storeId: 'log-a',
      });
      // Dropped, the read model may be built again from any log.
      await store.drop('m');
      await commit(changes({ op: 'hincr', key: 'm:c', field: 'n', by: 1 }), null, 1n, 'log-b');
      expect((await store.readCheckpoints(['m'])).get('m')?.storeId).toBe('log-b');
    });

    it('refuses a commit whose writer does not hold its lease, writing nothing', async () => {
      expect(await store.acquireLease('m', 'me', 10_000)).toBe(true);
      const withLease = (token: string) =>
        store.commit({
          changes: changes({ op: 'zadd', key: 'm:z', member: token, score: 1 }),
          checkpoints: [],
          leases: [{ name: 'm', token }],
        });
      await expect(withLease('someone-else')).rejects.toMatchObject({ reason: 'lease', subject: 'm' });
      await withLease('me');
      expect(await store.zpage('m:z')).toEqual([{ member: 'me', score: 1 }]);
    });

    it('gives a lease to one holder at a time until it is released or lapses', async () => {
      expect(await store.leaseHolder('p')).toBeNull();
      expect(await store.acquireLease('p', 'one', 10_000)).toBe(true);
      expect(await store.acquireLease('p', 'two', 10_000)).toBe(false);
      expect(await store.acquireLease('p', 'one', 10_000)).toBe(true);
      expect(await store.renewLease('p', 'one', 10_000)).toBe(true);
      expect(await store.renewLease('p', 'two', 10_000)).toBe(false);
      expect(await store.leaseHolder('p')).toEqual({ token: 'one', expiresInMs: expect.any(Number) });
      await store.releaseLease('p', 'two');
      expect((await store.leaseHolder('p'))?.token).toBe('one');
      await store.releaseLease('p', 'one');
      expect(await store.acquireLease('p', 'two', 80)).toBe(true);
      await sleep(150);
      expect(await store.leaseHolder('p')).toBeNull();
      expect(await store.renewLease('p', 'two', 80)).toBe(false);
      expect(await store.acquireLease('p', 'one', 10_000)).toBe(true);
    });

    it('drops one namespace, checkpoint first, and leaves the others', async () => {
      await commit(
        changes(
          { op: 'hincr', key: 'm:h', field: 'n', by: 1 },
          { op: 'zadd', key: 'm:z', member: 'a', score: 1 },
          { op: 'hincr', key: 'mm:h', field: 'n', by: 1 },
        ),
      );
      await store.drop('m');
      expect(await store.readCheckpoints(['m'])).toEqual(new Map([['m', null]]));
      expect(await store.hgetall(['m:h', 'mm:h'])).toEqual([{}, { n: '1' }]);
      expect(await store.zcard('m:z')).toBe(0);
    });

    it('hands each due item to one consumer until its claim ends', async () => {
      const due: Change[] = [1, 2, 3, 4, 200].map((score) => ({
        op: 'zadd',
        key: 'm:due',
        member: `item-${score}`,
        score,
      }));
      await commit(changes(...due));
      const claim = (consumer: string, limit: number, now: number) =>
        store.claimDue({ queue: 'm', dueKey: 'm:due', consumer, limit, leaseMs: 100, now });

      expect(await claim('a', 2, 10)).toEqual([
        { member: 'item-1', score: 1, until: 110 },
        { member: 'item-2', score: 2, until: 110 },
      ]);
      expect((await claim('b', 5, 20)).map((c) => c.member)).toEqual(['item-3', 'item-4']);
      expect(await claim('a', 5, 109)).toEqual([]);
      // At 115 a's claims have ended, b's run until 120, and item-200 is not due yet.
      expect((await claim('b', 5, 115)).map((c) => c.member)).toEqual(['item-1', 'item-2']);
      expect((await claim('a', 5, 200)).map((c) => c.member)).toEqual(['item-3', 'item-4', 'item-200']);
    });

    it('commits a large batch whole and dumps a namespace canonically', async () => {
      const many: Change[] = [];
      for (let i = 0; i < 5000; i++) {
        many.push({ op: 'hset', key: 'm:docs', field: `f${i}`, value: String(i) });
        many.push({ op: 'zadd', key: 'm:idx', member: `f${i}`, score: i });
      }
      await commit(changes(...many, { op: 'hincr', key: 'm:n', field: 'x', by: 5 }), null, 42n);
      const dump = await store.dump('m');
      expect(dump.checkpoints).toEqual({ m: '42' });
      expect(Object.keys(dump.hashes).sort()).toEqual(['m:docs', 'm:n']);
      expect(Object.keys(dump.hashes['m:docs'])).toHaveLength(5000);
      expect(dump.hashes['m:n']).toEqual({ x: '5' });
      expect(dump.zsets['m:idx'].slice(0, 2)).toEqual([
        ['f0', 0],
        ['f1', 1],
      ]);
    });
  });
}
