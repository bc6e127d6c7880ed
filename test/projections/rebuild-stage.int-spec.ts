import { ChangeSet, CommitRefusedError, type Commit } from '@leadger/read-store';
import { tempSqliteReadStore } from './support/temp-read-stores';

// The embedded store's rebuild stage: staged commits stay out of sight until published, and publishing
// moves them with their checkpoint in one transaction, fenced by the lease like any commit.

const store = tempSqliteReadStore();
afterAll(() => store.dispose());

function commit(token: string, expected: bigint | null, position: bigint, value: string): Commit {
  const changes = new ChangeSet();
  changes.add({ op: 'hset', key: 'funnel:leads', field: 'a', value });
  changes.add({ op: 'hincr', key: 'funnel:counts', field: 'lead', by: 1 });
  changes.add({ op: 'zadd', key: 'funnel:days', member: '2025-01-01', score: 20089 });
  return {
    changes,
    checkpoints: [{ id: 'funnel', expected, position, version: 1, storeId: 'log-a' }],
    leases: [{ name: 'funnel', token }],
  };
}

describe('given a staged rebuild of funnel', () => {
  it('hides staged commits from queries until published, then shows them with their checkpoint', async () => {
    const { store: s } = store;
    await s.acquireLease('funnel', 'me', 30_000);
    const stage = await s.stage(['funnel']);
    await s.commit(commit('me', null, 5n, 'one'));
    await s.commit(commit('me', 5n, 9n, 'two'));
    expect(await s.hmget([{ key: 'funnel:leads', field: 'a' }])).toEqual(['two']);
    expect((await s.dump('funnel')).hashes).toEqual({});
    await stage.publish([{ name: 'funnel', token: 'me' }]);
    expect(await s.dump('funnel')).toEqual({
      checkpoints: { funnel: '9' },
      hashes: { 'funnel:counts': { lead: '2' }, 'funnel:leads': { a: 'two' } },
      zsets: { 'funnel:days': [['2025-01-01', 20089]] },
    });
    expect((await s.readCheckpoints(['funnel'])).get('funnel')).toMatchObject({ storeId: 'log-a' });
    await s.drop('funnel');
  });

  it('refuses to publish once the lease is lost, and a discarded stage leaves the model empty', async () => {
    const { store: s } = store;
    await s.acquireLease('funnel', 'me', 30_000);
    const stage = await s.stage(['funnel']);
    await s.commit(commit('me', null, 5n, 'one'));
    await s.releaseLease('funnel', 'me');
    await expect(stage.publish([{ name: 'funnel', token: 'me' }])).rejects.toBeInstanceOf(CommitRefusedError);
    await stage.discard();
    expect(await s.dump('funnel')).toEqual({ checkpoints: {}, hashes: {}, zsets: {} });
    expect(await s.hmget([{ key: 'funnel:leads', field: 'a' }])).toEqual([null]);
  });
});
