import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PolicyRunnerService } from '../../apps/api/src/policies/policy-runner.service';
import { runCli } from '../cli/support/cli';
import { command, historyOf, send, type HistoryEntry } from '../support/lead-api';
import { startTestApp, type TestApp } from '../support/test-app';

// One lead moved by the policies alone, through the HTTP API on the app's own clock: scored into an MQL
// by a rule, routed to the first owner of the roster, its SLA breached (reassigned), breached again
// (rejected back to nurture), and its revisit date reached (re-engaged). Its history alone answers which
// rule moved it, under which rules (the digest GET /policies shows), caused by which event; so does
// `leadger audit`.

jest.setTimeout(60_000);

const RULE = 'engaged decision maker';
const RULES = `
mql:
  rules:
    - name: ${RULE}
      minScore: 50
      companyPresent: true
      titleMatches: '(head|director|vp|chief)'
sla:
  hours: 24
  maxReassignments: 1
  then: reject
nurture:
  revisitDays: { default: 30 }
  onDue: reengage-lead
`;
const HOUR = 3_600_000;

let dir: string;
let test: TestApp;
let now = new Date('2026-11-02T09:00:00.000Z');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'leadger-policy-journey-'));
  const rules = join(dir, 'policies.yaml');
  writeFileSync(rules, RULES);
  test = await startTestApp(join(dir, 'data'), { LEADGER_POLICIES: rules }, () => now);
  for (const ownerId of ['ava', 'ben']) {
    const body = { name: ownerId, teams: ['sdr'], active: true };
    const reply = await send(test.app, { method: 'PUT', url: `/owners/${ownerId}`, payload: body });
    expect(reply.statusCode).toBe(201);
  }
});

afterAll(async () => {
  await test.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Moves the app's clock on and lets the policies look at their timers. */
async function advanceHours(hours: number): Promise<void> {
  now = new Date(now.getTime() + hours * HOUR);
  await test.app.get(PolicyRunnerService).tick();
}

/** The lead's history once it holds `count` events, polling while the policies work. */
async function historyWith(leadId: string, count: number): Promise<readonly HistoryEntry[]> {
  const until = Date.now() + 10_000;
  for (;;) {
    const history = await historyOf(test.app, leadId);
    if (history.length >= count) return history;
    if (Date.now() > until) throw new Error(`lead ${leadId} has ${history.length} events, not ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a lead moved by the policies alone', () => {
  it('says in its history which rule moved it, under which rules, caused by which event', async () => {
    const digest = (await send(test.app, { method: 'GET', url: '/policies' })).json<{ digest: string }>()
      .digest;
    const captured = await send(test.app, {
      method: 'POST',
      url: '/leads',
      payload: { email: 'dana@example.com', source: 'webinar', company: 'Acme', title: 'Head of Ops' },
      headers: { 'x-correlation-id': 'campaign-42' },
    });
    expect(captured.statusCode).toBe(201);
    const { leadId } = captured.json<{ leadId: string }>();
    const engaged = await command(test.app, leadId, 'engagements', { kind: 'meeting', scoreDelta: 60 });
    expect(engaged.statusCode).toBe(200);

    // Scored into an MQL by the rule, then routed to the first owner: two steps, each caused by the last.
    const [, engagement, mql, handoff] = await historyWith(leadId, 4);
    expect(mql).toMatchObject({
      type: 'LeadMarketingQualified',
      data: { reason: RULE, score: 60 },
      metadata: {
        actor: 'policy:auto-mql',
        causationId: engagement.eventId,
        correlationId: engagement.metadata.correlationId,
        policy: { name: 'auto-mql', rule: `mql.rules.${RULE}`, digest },
      },
    });
    expect(handoff).toMatchObject({
      type: 'LeadHandedOff',
      data: { toOwner: 'ava', slaDueAt: new Date(now.getTime() + 24 * HOUR).toISOString() },
      metadata: { actor: 'policy:routing', causationId: mql.eventId, policy: { name: 'routing', digest } },
    });

    // Nobody answers: past the SLA the handoff is reassigned once, then rejected back to nurture.
    await advanceHours(25);
    const reassigned = (await historyWith(leadId, 5))[4];
    expect(reassigned).toMatchObject({
      type: 'LeadReassigned',
      data: { fromOwner: 'ava', toOwner: 'ben', reason: 'sla_breach' },
      metadata: { actor: 'policy:sla-breach', causationId: handoff.eventId, policy: { digest } },
    });
    await advanceHours(25);
    const [rejected, recycled] = (await historyWith(leadId, 7)).slice(5);
    expect(rejected).toMatchObject({
      type: 'LeadRejected',
      data: { reason: 'sla_breach' },
      metadata: { actor: 'policy:sla-breach', causationId: reassigned.eventId },
    });
    expect(recycled).toMatchObject({ type: 'LeadRecycled', data: { reason: 'sla_breach' } });

    // Thirty days on, the revisit date has come: the lead is re-engaged by itself.
    await advanceHours(30 * 24);
    const reengaged = (await historyWith(leadId, 8))[7];
    expect(reengaged).toMatchObject({
      type: 'LeadReengaged',
      metadata: { actor: 'policy:nurture-due', causationId: recycled.eventId, policy: { digest } },
    });

    // The handoff ledger, once it has read them, shows the breach and the reassignment.
    const ledger = await send(test.app, {
      method: 'GET',
      url: `/handoffs?limit=10&after=${reengaged.position}`,
    });
    expect(ledger.statusCode).toBe(200);
    const entries = ledger
      .json<{
        items: { leadId: string; to: string; kind: string; decision: string; reason: string | null }[];
      }>()
      .items.filter((entry) => entry.leadId === leadId);
    // (Re-engaged with its score still over the rule's, the lead may already be an MQL and routed again.)
    expect(entries.map(({ kind, to, decision, reason }) => ({ kind, to, decision, reason }))).toEqual(
      expect.arrayContaining([
        { kind: 'reassignment', to: 'ben', decision: 'rejected', reason: 'sla_breach' },
        { kind: 'handoff', to: 'ava', decision: 'reassigned', reason: 'sla_breach' },
      ]),
    );
  });

  it('shows the rule and the rules’ digest in `leadger audit`', async () => {
    const leadId = (
      await send(test.app, {
        method: 'POST',
        url: '/leads',
        payload: { email: 'eli@example.com', source: 'ads', company: 'Initech', title: 'VP Sales' },
      })
    ).json<{ leadId: string }>().leadId;
    await command(test.app, leadId, 'engagements', { kind: 'event_attended', scoreDelta: 80 });
    await historyWith(leadId, 4);
    const digest = (await send(test.app, { method: 'GET', url: '/policies' })).json<{ digest: string }>()
      .digest;
    const audit = await runCli(test.dataDir, ['audit', leadId]);
    expect(audit.code).toBe(0);
    const mqlRow = audit.stdout.split('\n').find((line) => line.includes('LeadMarketingQualified'));
    expect(mqlRow).toContain('policy:auto-mql');
    expect(mqlRow).toContain(`mql.rules.${RULE} @ ${digest.slice(0, 12)}`);
  });
});
