import { ChangeSet, type ReadStore } from '@leadger/read-store';
import { POLICIES, POLICIES_VERSION, policyKeys } from '@leadger/policy-runtime';
import { tempRedisReadStore, tempSqliteReadStore } from '../projections/support/temp-read-stores';
import { tempSqliteStore } from '../support/temp-sqlite-store';
import { PolicyHarness } from './policy-harness';

const scoring = { mql: { rules: [{ name: 'engaged', minScore: 50 }] } };

/** The policy runner against one read store; the event store is the embedded SQLite one. */
function policyRunnerContract(
  name: string,
  readStoreFactory: () => { store: ReadStore; dispose: () => Promise<void> },
) {
  describe(`policy runner on ${name}`, () => {
    let harness: PolicyHarness;
    let disposeStores: () => Promise<void>;

    beforeEach(() => {
      const events = tempSqliteStore();
      const reads = readStoreFactory();
      harness = new PolicyHarness(events.store, reads.store);
      disposeStores = async () => {
        await reads.dispose();
        await events.dispose();
      };
    });
    afterEach(async () => {
      await harness.dispose();
      await disposeStores();
    });

    it('marks a lead that passes a rule MQL, then hands it off round-robin, skipping owners on leave', async () => {
      await harness.setOwner('alice');
      await harness.setOwner('bob');
      await harness.setOwner('anna', { active: false });
      harness.startRunner(scoring);
      const leads = [];
      for (let i = 0; i < 4; i++) leads.push(await harness.captureScored(60));
      const owners = [];
      for (const leadId of leads) {
        const mql = await harness.waitForEvent(leadId, 'LeadMarketingQualified');
        expect(mql.data).toMatchObject({ reason: 'engaged', score: 60 });
        expect(mql.metadata).toMatchObject({
          actor: 'policy:auto-mql',
          policy: { name: 'auto-mql', rule: 'mql.rules.engaged', digest: 'test-digest' },
        });
        const engagement = (await harness.history(leadId)).find((e) => e.type === 'EngagementRecorded')!;
        expect(mql.metadata.causationId).toBe(engagement.id);
        expect(mql.metadata.correlationId).toBe(engagement.metadata.correlationId);
        const handoff = await harness.waitForEvent(leadId, 'LeadHandedOff');
        expect(handoff.metadata).toMatchObject({ actor: 'policy:routing', causationId: mql.id });
        owners.push(handoff.data.toOwner);
      }
      expect(owners).toEqual(['alice', 'bob', 'alice', 'bob']);
    });

    it('leaves a lead below every threshold alone', async () => {
      await harness.setOwner('alice');
      const runner = harness.startRunner(scoring);
      const leadId = await harness.captureScored(10);
      await runner.caughtUp();
      await harness.waitForEvent(await harness.captureScored(60), 'LeadHandedOff');
      expect((await harness.history(leadId)).map((e) => e.type)).toEqual([
        'LeadCaptured',
        'EngagementRecorded',
      ]);
    });

    it('keeps the rotation across a restart: the next lead goes to the next owner', async () => {
      await harness.setOwner('alice');
      await harness.setOwner('bob');
      const first = harness.startRunner(scoring);
      const a = await harness.captureScored(60);
      expect((await harness.waitForEvent(a, 'LeadHandedOff')).data.toOwner).toBe('alice');
      await first.stop();
      harness.startRunner(scoring);
      const b = await harness.captureScored(60);
      expect((await harness.waitForEvent(b, 'LeadHandedOff')).data.toOwner).toBe('bob');
    });

    it('skips an owner at capacity until a lead of theirs moves on', async () => {
      await harness.setOwner('alice', { capacity: 1 });
      await harness.setOwner('bob', { active: false });
      const runner = harness.startRunner(scoring);
      const a = await harness.captureScored(60);
      await harness.waitForEvent(a, 'LeadHandedOff');
      const b = await harness.captureScored(60);
      await harness.waitForEvent(b, 'LeadMarketingQualified');
      await runner.tick();
      expect((await harness.history(b)).map((e) => e.type)).not.toContain('LeadHandedOff');
      // Alice accepts and qualifies her lead: it leaves her SAL count; the waiting lead is hers at its next look.
      await harness.run({ type: 'AcceptLead', data: { leadId: a }, metadata: { occurredAt: '' } }, 'alice');
      await harness.run(
        {
          type: 'QualifyLead',
          data: {
            leadId: a,
            opportunityId: 'opp-a',
            budget: 1,
            authority: 'cfo',
            need: 'x',
            timeline: 'q1',
            amount: 10,
          },
          metadata: { occurredAt: '' },
        },
        'alice',
      );
      // A lead nobody could take is looked at again every few minutes of the clock.
      await waitUntil(async () => {
        harness.clock.advanceHours(0.25);
        await runner.tick();
        return (await harness.history(b)).some((e) => e.type === 'LeadHandedOff');
      });
      expect((await harness.waitForEvent(b, 'LeadHandedOff')).data.toOwner).toBe('alice');
    });

    it('reassigns a handoff whose SLA lapsed when the clock passes it, with a new SLA and reason sla_breach', async () => {
      await harness.setOwner('alice');
      await harness.setOwner('bob');
      const runner = harness.startRunner(scoring);
      const leadId = await harness.captureScored(60);
      await harness.waitForEvent(leadId, 'LeadHandedOff');
      harness.clock.advanceHours(23);
      await runner.tick();
      expect((await harness.history(leadId)).map((e) => e.type)).not.toContain('LeadReassigned');
      harness.clock.advanceHours(2);
      await runner.tick();
      const breach = await harness.waitForEvent(leadId, 'LeadReassigned');
      expect(breach.data).toMatchObject({
        fromOwner: 'alice',
        toOwner: 'bob',
        reason: 'sla_breach',
        pendingHandoff: true,
        slaDueAt: new Date(harness.clock.read().getTime() + 24 * 3_600_000).toISOString(),
      });
      expect(breach.metadata).toMatchObject({
        actor: 'policy:sla-breach',
        commandId: `policy:sla-breach:${leadId}@${Date.parse(String((await harness.waitForEvent(leadId, 'LeadHandedOff')).data.slaDueAt))}`,
      });
    });

    it('re-engages a nurtured lead when its revisit date comes, as the rules say', async () => {
      await harness.setOwner('alice');
      const runner = harness.startRunner({ ...scoring, nurture: { onDue: 'reengage-mql' } });
      const leadId = await harness.captureScored(60);
      await harness.waitForEvent(leadId, 'LeadHandedOff');
      const revisitAt = new Date(harness.clock.read().getTime() + 48 * 3_600_000).toISOString();
      await harness.run(
        {
          type: 'RejectLead',
          data: { leadId, reason: 'bad_timing', revisitAt },
          metadata: { occurredAt: '' },
        },
        'alice',
      );
      harness.clock.advanceHours(47);
      await runner.tick();
      expect((await harness.history(leadId)).map((e) => e.type)).not.toContain('LeadReengaged');
      harness.clock.advanceHours(2);
      await runner.tick();
      const reengaged = await harness.waitForEvent(leadId, 'LeadReengaged');
      expect(reengaged.data).toMatchObject({ toStage: 'mql' });
      expect(reengaged.metadata).toMatchObject({
        actor: 'policy:nurture-due',
        policy: { rule: 'nurture.onDue' },
      });
      // Back at mql, the routing policy hands it to its owner's team again.
      await harness.waitForEvent(leadId, 'LeadHandedOff', 2);
    });

    it('puts a new customer in the after-win program once per win: a lost upsell schedules nothing more', async () => {
      await harness.setOwner('alice');
      const afterWin = { customerNurture: { afterWin: { program: 'onboarding', days: 30 } } };
      const runner = harness.startRunner({ ...scoring, ...afterWin });
      const leadId = await harness.captureScored(60);
      await harness.waitForEvent(leadId, 'LeadHandedOff');
      const qualify = {
        opportunityId: 'opp-1',
        budget: 1,
        authority: 'cfo',
        need: 'x',
        timeline: 'q1',
        amount: 10,
      };
      const metadata = { occurredAt: '' };
      await harness.run({ type: 'AcceptLead', data: { leadId }, metadata }, 'alice');
      await harness.run({ type: 'QualifyLead', data: { leadId, ...qualify }, metadata }, 'alice');
      await harness.run({ type: 'CloseWon', data: { leadId }, metadata }, 'alice');
      const scheduled = await harness.waitForEvent(leadId, 'CustomerNurtureScheduled');
      const win = await harness.waitForEvent(leadId, 'DealWon');
      expect(scheduled.data).toMatchObject({
        program: 'onboarding',
        revisitAt: new Date(harness.clock.read().getTime() + 30 * 86_400_000).toISOString(),
      });
      expect(scheduled.metadata).toMatchObject({
        actor: 'policy:after-sale',
        causationId: win.id,
        policy: { name: 'after-sale', rule: 'customerNurture.afterWin' },
      });
      // A lost upsell leaves the win as it was: nothing new is scheduled.
      const upsell = { opportunityId: 'opp-2', kind: 'upsell', amount: 5 } as const;
      await harness.run({ type: 'OpenOpportunity', data: { leadId, ...upsell }, metadata }, 'alice');
      const lost = { reason: 'pricing', recycle: false, revisitAt: '' };
      await harness.run({ type: 'CloseLost', data: { leadId, ...lost }, metadata }, 'alice');
      await runner.caughtUp();
      const types = (await harness.history(leadId)).map((e) => e.type);
      expect(types.filter((type) => type === 'CustomerNurtureScheduled')).toHaveLength(1);
      expect(types.at(-1)).toBe('DealLost');
    });

    it('sends an effect left in the outbox once, and drops one the lead outgrew without retrying it', async () => {
      await harness.setOwner('alice');
      const leadId = await harness.captureScored(10);
      const [captured] = await harness.history(leadId);
      const entry = (commandId: string, expectedRevision: string) => ({
        commandId,
        command: {
          type: 'MarkMarketingQualified',
          data: { leadId, score: 10, reason: 'by hand' },
          metadata: { occurredAt: harness.clock.read().toISOString() },
        },
        expectedRevision,
        causationId: captured.id,
        correlationId: captured.id,
        policy: { name: 'auto-mql', rule: 'mql.rules.test', digest: 'test-digest' },
        heldBy: null,
      });
      // Left by a run that crashed after its commit: one still applies, one was decided on an older revision.
      const stale = entry('policy:auto-mql:stale', '0');
      const fresh = entry('policy:auto-mql:fresh', '1');
      const changes = new ChangeSet();
      for (const e of [stale, fresh])
        changes.add({ op: 'hset', key: policyKeys.outbox, field: e.commandId, value: JSON.stringify(e) });
      const position = (await harness.history(leadId)).at(-1)!.position;
      const storeId = await harness.eventStore.storeId();
      const checkpoint = { id: POLICIES, expected: null, position, version: POLICIES_VERSION, storeId };
      await harness.readStore.commit({ changes, checkpoints: [checkpoint], leases: [] });
      const runner = harness.startRunner({});
      await runner.caughtUp();
      const mqls = (await harness.history(leadId)).filter((e) => e.type === 'LeadMarketingQualified');
      expect(mqls.map((e) => e.metadata.commandId)).toEqual(['policy:auto-mql:fresh']);
      expect(harness.effects.map(({ entry: e, outcome }) => [e.commandId, outcome]).sort()).toEqual([
        ['policy:auto-mql:fresh', 'applied'],
        ['policy:auto-mql:stale', 'void'],
      ]);
      const [outbox] = await harness.readStore.hgetall([policyKeys.outbox]);
      expect(outbox).toEqual({});
    });
  });
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

policyRunnerContract('the embedded SQLite read store', tempSqliteReadStore);
policyRunnerContract('Redis', () => tempRedisReadStore());
