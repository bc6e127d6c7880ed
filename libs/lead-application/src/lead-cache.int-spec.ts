import { randomUUID } from 'node:crypto';
import { cmd } from '@leadger/lead-domain/testing';
import { tempIdentity } from '../../../test/support/temp-identity';
import { tempSqliteStore } from '../../../test/support/temp-sqlite-store';
import { handleCommand, type CommandHandlerDeps } from './handle-command';
import { verifyChain } from './hash-chain';
import { LeadCache } from './lead-cache';
import { leadStream, loadLead } from './lead-stream';

const now = new Date('2026-11-23T10:00:00.000Z');
const actor = 'svc:cache-test';
const temp = tempSqliteStore();
const identity = tempIdentity(temp.dir);
const cached: CommandHandlerDeps = {
  store: temp.store,
  personalData: identity.personalData,
  clock: () => now,
  newId: randomUUID,
  cache: new LeadCache(),
};
const uncached: CommandHandlerDeps = { ...cached, cache: undefined };
const leadId = cmd.captureLead().data.leadId;

afterAll(async () => {
  await identity.dispose();
  await temp.dispose();
});

describe('LeadCache on the command path', () => {
  it('folds the same state as a full read while other writers append to the stream too', async () => {
    await handleCommand(cached, cmd.captureLead(), { actor });
    for (let i = 0; i < 20; i++) {
      // Every other command comes from a writer without the cache, as another process would.
      await handleCommand(i % 2 === 0 ? uncached : cached, cmd.recordEngagement(), { actor });
    }
    const outcome = await handleCommand(cached, cmd.markMarketingQualified(), { actor });
    const full = await loadLead(temp.store, leadId);
    expect(outcome.state).toEqual(full.state);
    expect(outcome.revision).toBe(full.revision);
    const read = await temp.store.readStream(leadStream(leadId));
    expect(read.found && verifyChain(read.events)).toBeUndefined();
  });

  it('answers a retry from the log: the same outcome, nothing appended', async () => {
    const first = await handleCommand(cached, cmd.recordEngagement(), { actor, commandId: 'retry-1' });
    const again = await handleCommand(cached, cmd.recordEngagement(), { actor, commandId: 'retry-1' });
    expect(again).toMatchObject({ replayed: true, revision: first.revision, position: first.position });
    expect((await loadLead(temp.store, leadId)).revision).toBe(first.revision);
  });

  it('keeps at most its capacity, dropping the least recently used lead', async () => {
    const cache = new LeadCache(2);
    for (const id of ['a', 'b', 'c']) await cache.load(temp.store, id);
    expect(cache.size).toBe(2);
  });
});
