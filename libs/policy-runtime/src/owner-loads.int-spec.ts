import { ChangeSet } from '@leadger/read-store';
import { tempSqliteReadStore } from '../../../test/projections/support/temp-read-stores';
import { ownerLoads } from './owner-loads';
import { POLICIES, POLICIES_VERSION, policyKeys } from './policy-keys';

let temp: ReturnType<typeof tempSqliteReadStore>;
beforeEach(() => (temp = tempSqliteReadStore()));
afterEach(() => temp.dispose());

/** What a policy worker commits: ana holds two leads, with the checkpoint of the log `storeId`. */
async function policiesCommitted(storeId: string): Promise<void> {
  const changes = new ChangeSet();
  changes.add({ op: 'hincr', key: policyKeys.load, field: 'ana', by: 2 });
  const checkpoint = { id: POLICIES, expected: null, position: 7n, version: POLICIES_VERSION, storeId };
  await temp.store.commit({ changes, checkpoints: [checkpoint], leases: [] });
}

describe('ownerLoads', () => {
  it('answers what the policies counted, 0 for an owner holding nothing', async () => {
    await policiesCommitted('log-1');
    expect(await ownerLoads(temp.store, 'log-1', ['ana', 'ben'])).toEqual([2, 0]);
  });

  it('answers null for everyone while no policy runner has counted on this log', async () => {
    expect(await ownerLoads(temp.store, 'log-1', ['ana'])).toEqual([null]);
    await policiesCommitted('another-log');
    expect(await ownerLoads(temp.store, 'log-1', ['ana', 'ben'])).toEqual([null, null]);
  });
});
