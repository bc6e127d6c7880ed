import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@leadger/event-store';
import { tempSqliteReadStore } from '../projections/support/temp-read-stores';
import { tempSqliteStore } from '../support/temp-sqlite-store';
import { PolicyHarness } from './policy-harness';

// Two policy workers on one log produce what one produces: the lease lets one act at a time, a worker that
// takes over resends what the other left in the outbox, and each effect's command id is derived from its
// cause, so nothing is applied twice or missed.

const rules = { mql: { rules: [{ name: 'engaged', minScore: 50 }] } };
const leadIds = Array.from({ length: 60 }, () => randomUUID());

/** Per lead, what happened to it (type, actor, reason) without the owners, whose order races may change. */
function story(events: readonly RecordedEvent[]): string[] {
  return events.map((e) => [e.type, e.metadata.actor, e.data.reason ?? ''].join(' '));
}

async function run(
  workers: number,
): Promise<{ stories: Map<string, string[]>; commandIds: string[]; perOwner: Record<string, number> }> {
  const events = tempSqliteStore();
  const reads = tempSqliteReadStore();
  const harness = new PolicyHarness(events.store, reads.store);
  try {
    for (const owner of ['alice', 'bob', 'carol']) await harness.setOwner(owner);
    const runners = Array.from({ length: workers }, (_, i) =>
      harness.startRunner(rules, { instanceId: `worker-${i}`, leaseMs: 300, batchSize: 7 }),
    );
    for (const [i, leadId] of leadIds.entries()) {
      await harness.captureScored(i % 3 === 0 ? 10 : 60, 'webinar', leadId);
      // Midway, the worker holding the lease stops; another takes over where it left off.
      if (i === leadIds.length / 2 && workers > 1) await runners[0].stop();
    }
    for (const [i, leadId] of leadIds.entries())
      if (i % 3 !== 0) await harness.waitForEvent(leadId, 'LeadHandedOff');
    const stories = new Map<string, string[]>();
    const commandIds: string[] = [];
    const perOwner: Record<string, number> = {};
    for (const leadId of leadIds) {
      const history = await harness.history(leadId);
      stories.set(leadId, story(history));
      for (const e of history) {
        if (String(e.metadata.actor).startsWith('policy:')) commandIds.push(String(e.metadata.commandId));
        if (e.type === 'LeadHandedOff')
          perOwner[String(e.data.toOwner)] = (perOwner[String(e.data.toOwner)] ?? 0) + 1;
      }
    }
    return { stories, commandIds, perOwner };
  } finally {
    await harness.dispose();
    await reads.dispose();
    await events.dispose();
  }
}

describe('two policy workers at once', () => {
  it('produce the same events as one: every effect once, none missed, the rotation as fair', async () => {
    const one = await run(1);
    const two = await run(2);
    expect(two.stories).toEqual(one.stories);
    expect(new Set(two.commandIds).size).toBe(two.commandIds.length);
    expect(two.commandIds.length).toBe(one.commandIds.length);
    expect(two.perOwner).toEqual({ alice: 14, bob: 13, carol: 13 });
    expect(one.perOwner).toEqual(two.perOwner);
  }, 60_000);
});
