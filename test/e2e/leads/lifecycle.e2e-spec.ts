import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  capture,
  command,
  getHistory,
  getLead,
  historyOf,
  type LeadHistoryPage,
} from '../../support/lead-api';
import { bodies, leadAt, uniqueEmail } from '../../support/lead-journeys';
import { E2E_ACTOR } from '../../support/test-app';
import { withTestApp } from '../../support/with-test-app';

// Leads walked through the whole lifecycle of DESIGN.md's Transitions table over HTTP, each answer checked.

interface Step {
  readonly action: string;
  readonly body?: object;
  /** The stage the answer must name, `sql/<opportunity stage>` for an open deal. */
  readonly stage: string;
  readonly events: readonly string[];
}

const step = (action: string, body: object | undefined, stage: string, ...events: string[]): Step => ({
  action,
  body,
  stage,
  events,
});

let app: NestFastifyApplication;
withTestApp((started) => {
  app = started;
});

async function stateOf(leadId: string) {
  const reply = await getLead(app, leadId);
  expect(reply.statusCode).toBe(200);
  expect(reply.headers.etag).toBe(`"${reply.json<{ revision: string }>().revision}"`);
  return reply.json<Record<string, unknown>>();
}

/** Sends each step to the lead and checks the answer: status, stage, events, revision, position, ETag. */
async function walk(leadId: string, steps: readonly Step[]): Promise<void> {
  let revision = Number((await stateOf(leadId)).revision);
  let position = 0n;
  for (const { action, body, stage: expected, events } of steps) {
    const reply = await command(app, leadId, action, body);
    revision += events.length;
    const [stage, opportunityStage] = expected.split('/');
    expect({ action, status: reply.statusCode, etag: reply.headers.etag, answer: reply.json() }).toEqual({
      action,
      status: 200,
      etag: `"${revision}"`,
      answer: {
        leadId,
        stage,
        opportunityStage,
        revision: String(revision),
        position: expect.stringMatching(/^\d+$/),
        events,
        replayed: false,
      },
    });
    expect(BigInt(reply.json<{ position: string }>().position)).toBeGreaterThan(position);
    position = BigInt(reply.json<{ position: string }>().position);
  }
}

describe('lead lifecycle over HTTP', () => {
  it('captures a new lead: 201 with Location, ETag "0" and the lead at stage lead', async () => {
    const email = uniqueEmail('capture');
    const reply = await capture(app, { ...bodies.capture(`  ${email.toUpperCase()} `), campaign: 'q3' });
    const { leadId } = reply.json<{ leadId: string }>();
    expect(reply.statusCode).toBe(201);
    expect(reply.headers).toMatchObject({ location: `/leads/${leadId}`, etag: '"0"' });
    expect(reply.json()).toEqual({
      leadId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      stage: 'lead',
      revision: '0',
      position: expect.stringMatching(/^\d+$/),
      events: ['LeadCaptured'],
      replayed: false,
    });
    expect(await stateOf(leadId)).toMatchObject({
      leadId,
      email,
      stage: 'lead',
      campaign: 'q3',
      owner: null,
      allowedCommands: ['RecordEngagement', 'MarkMarketingQualified', 'DisqualifyLead'],
    });
  });

  it('walks lead → mql → handoff → accept → qualify → opportunity stages back and forth → won', async () => {
    const leadId = await leadAt(app, 'lead');
    await walk(leadId, [
      step('engagements', { kind: 'content_download', scoreDelta: 10 }, 'lead', 'EngagementRecorded'),
      step('mql', bodies.mql, 'mql', 'LeadMarketingQualified'),
      step('handoff', bodies.handoff, 'mql', 'LeadHandedOff'),
      step('accept', undefined, 'sal', 'LeadAccepted'),
      step('qualify', bodies.qualify, 'sql/prospecting', 'LeadQualified'),
      step('stage', { stage: 'evaluation' }, 'sql/evaluation', 'OpportunityStageChanged'),
      step('stage', { stage: 'commitment', amount: 65000 }, 'sql/commitment', 'OpportunityStageChanged'),
      step('stage', { stage: 'evaluation' }, 'sql/evaluation', 'OpportunityStageChanged'),
      step('stage', { stage: 'commitment' }, 'sql/commitment', 'OpportunityStageChanged'),
      step('won', undefined, 'won', 'DealWon'),
    ]);
    const state = await stateOf(leadId);
    expect(state).toMatchObject({ stage: 'won', owner: 'bob', amount: 65000, score: 72, revision: '10' });
    expect(state).toMatchObject({
      allowedCommands: ['RecordEngagement', 'OpenOpportunity', 'ScheduleCustomerNurture'],
    });
    expect(Object.keys(state.stageEnteredAt as object)).toEqual(['lead', 'mql', 'sal', 'sql', 'won']);
    expect((await historyOf(app, leadId)).map((event) => event.type)).toEqual([
      ...['LeadCaptured', 'EngagementRecorded', 'LeadMarketingQualified', 'LeadHandedOff', 'LeadAccepted'],
      ...['LeadQualified', ...Array<string>(4).fill('OpportunityStageChanged'), 'DealWon'],
    ]);
  });

  it('reject recycles to nurture; re-engage brings the lead back to mql for a new handoff', async () => {
    const leadId = await leadAt(app, 'handedOff');
    const reject = { reason: 'no_budget', note: 'frozen until Q4' };
    await walk(leadId, [step('reject', reject, 'nurture', 'LeadRejected', 'LeadRecycled')]);
    expect(await stateOf(leadId)).toMatchObject({
      stage: 'nurture',
      recycle: { origin: 'rejected', originStage: 'mql', reason: 'no_budget', revisitAt: expect.any(String) },
      allowedCommands: ['RecordEngagement', 'ReengageLead', 'DisqualifyLead'],
    });
    await walk(leadId, [
      step('reengage', { toStage: 'mql', note: 'opened the Q4 mail' }, 'mql', 'LeadReengaged'),
      step('handoff', { toOwner: 'carol' }, 'mql', 'LeadHandedOff'),
      step('accept', undefined, 'sal', 'LeadAccepted'),
    ]);
    expect(await stateOf(leadId)).toMatchObject({ stage: 'sal', owner: 'carol', revision: '7' });
  });

  it('a deal lost and kept open is reopened at its stage; lost again, it is recycled and re-engaged', async () => {
    const leadId = await leadAt(app, 'sql');
    await walk(leadId, [
      step('stage', { stage: 'evaluation' }, 'sql/evaluation', 'OpportunityStageChanged'),
      step('lost', { reason: 'no_decision', recycle: false }, 'lost', 'DealLost'),
    ]);
    expect(await stateOf(leadId)).toMatchObject({
      stage: 'lost',
      lostFromStage: 'evaluation',
      lostReason: 'no_decision',
      allowedCommands: ['RecordEngagement', 'ReopenDeal', 'RecycleLead'],
    });
    await walk(leadId, [
      step('reopen', undefined, 'sql/evaluation', 'DealReopened'),
      step('lost', { reason: 'timing', recycle: false }, 'lost', 'DealLost'),
      step('recycle', { revisitAt: '2030-01-01T00:00:00Z' }, 'nurture', 'LeadRecycled'),
      step('reengage', undefined, 'lead', 'LeadReengaged'),
    ]);
    expect(await stateOf(leadId)).toMatchObject({ stage: 'lead', owner: 'bob', revision: '10' });
  });

  it('a deal lost with recycling (the default) goes straight to nurture with a revisit date', async () => {
    const leadId = await leadAt(app, 'sql');
    const lost = { reason: 'competitor', competitor: 'Rival' };
    await walk(leadId, [step('lost', lost, 'nurture', 'DealLost', 'LeadRecycled')]);
    expect(await stateOf(leadId)).toMatchObject({
      stage: 'nurture',
      recycle: {
        origin: 'lost',
        originStage: 'prospecting',
        reason: 'competitor',
        revisitAt: expect.any(String),
      },
    });
  });

  it('reassign moves a pending handoff, then an open deal, to another owner', async () => {
    const leadId = await leadAt(app, 'handedOff');
    await walk(leadId, [
      step('reassign', { toOwner: 'carol' }, 'mql', 'LeadReassigned'),
      step('accept', undefined, 'sal', 'LeadAccepted'),
      step('qualify', bodies.qualify, 'sql/prospecting', 'LeadQualified'),
      step('reassign', { toOwner: 'dave' }, 'sql/prospecting', 'LeadReassigned'),
    ]);
    expect(await stateOf(leadId)).toMatchObject({ stage: 'sql', owner: 'dave' });
  });

  it('disqualify leaves only requalify; a new capture of the email answers 200 and records nothing', async () => {
    const email = uniqueEmail('spam');
    const leadId = await leadAt(app, 'nurture', email);
    const disqualify = { reason: 'other', note: 'a bot' };
    await walk(leadId, [step('disqualify', disqualify, 'disqualified', 'LeadDisqualified')]);
    const disqualified = await stateOf(leadId);
    expect(disqualified).toMatchObject({
      stage: 'disqualified',
      reason: 'other',
      allowedCommands: ['RequalifyLead'],
    });
    const recapture = await capture(app, bodies.capture(email));
    expect(recapture.statusCode).toBe(200);
    expect(recapture.json()).toEqual({
      leadId,
      stage: 'disqualified',
      revision: disqualified.revision,
      position: expect.stringMatching(/^\d+$/),
      events: [],
      replayed: false,
      note: 'the lead is disqualified: nothing was recorded; RequalifyLead brings it back',
    });
    expect((await stateOf(leadId)).revision).toBe(disqualified.revision);
  });

  it('requalify brings a disqualified lead back to lead, with a note, and the funnel can go on', async () => {
    const leadId = await leadAt(app, 'disqualified');
    await walk(leadId, [
      step('requalify', { note: 'a real buyer, marked spam by mistake' }, 'lead', 'LeadRequalified'),
      step('mql', bodies.mql, 'mql', 'LeadMarketingQualified'),
    ]);
    const [, , requalified] = await historyOf(app, leadId);
    expect(requalified.data).toEqual({
      leadId,
      note: 'a real buyer, marked spam by mistake',
      fromReason: 'spam',
    });
  });

  it('refuses requalify without a note (400) and on a lead that is not disqualified (409)', async () => {
    const disqualified = await leadAt(app, 'disqualified');
    const noNote = await command(app, disqualified, 'requalify', {});
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json()).toMatchObject({ errors: [{ field: 'note', message: 'is required' }] });
    const lead = await leadAt(app, 'lead');
    const notDisqualified = await command(app, lead, 'requalify', { note: 'why not' });
    expect(notDisqualified.statusCode).toBe(409);
    expect(notDisqualified.json()).toMatchObject({ command: 'RequalifyLead', stage: 'lead' });
  });
});

describe('GET /leads/{id}/history', () => {
  it('gives each event with actor, commandId, correlationId, occurredAt and recordedAt', async () => {
    const backfilled = { ...bodies.capture(uniqueEmail('backfill')), occurredAt: '2025-01-14T09:00:00Z' };
    const { leadId } = (await capture(app, backfilled)).json<{ leadId: string }>();
    const before = Date.now();
    const headers = {
      'x-on-behalf-of': 'mia@example.com',
      'idempotency-key': 'mql-of-mia',
      'x-correlation-id': 'flow-7',
    };
    const body = { ...bodies.mql, occurredAt: '2025-01-15T10:00:00+01:00' };
    expect((await command(app, leadId, 'mql', body, headers)).statusCode).toBe(200);
    const [captured, qualified] = await historyOf(app, leadId);
    expect(qualified).toMatchObject({
      revision: '1',
      type: 'LeadMarketingQualified',
      data: { leadId, score: 72, reason: 'score over 70' },
      metadata: {
        actor: E2E_ACTOR,
        onBehalfOf: 'mia@example.com',
        commandId: 'mql-of-mia',
        correlationId: 'flow-7',
        occurredAt: '2025-01-15T09:00:00.000Z',
      },
    });
    const recordedAt = Date.parse(String(qualified.metadata.recordedAt));
    expect(recordedAt).toBeGreaterThanOrEqual(before);
    expect(recordedAt).toBeLessThanOrEqual(Date.now());
    // Without the headers: a generated command id that also names the flow.
    expect(captured.metadata).toMatchObject({
      actor: E2E_ACTOR,
      onBehalfOf: null,
      commandId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      correlationId: captured.metadata.commandId,
    });
    const { occurredAt, recordedAt: capturedAt } = captured.metadata;
    expect(Date.parse(String(occurredAt))).toBeLessThanOrEqual(Date.parse(String(capturedAt)));
    expect(Date.parse(String(capturedAt))).toBeLessThanOrEqual(recordedAt);
  });

  it('pages by revision: the pages chain to the whole history', async () => {
    const leadId = await leadAt(app, 'sql');
    const pages: LeadHistoryPage[] = [];
    for (let query = 'limit=2'; query;) {
      const reply = await getHistory(app, leadId, query);
      expect(reply.statusCode).toBe(200);
      const page = reply.json<LeadHistoryPage>();
      pages.push(page);
      query = page.nextFromRevision === null ? '' : `limit=2&fromRevision=${page.nextFromRevision}`;
    }
    const revisions = pages.map((page) => page.events.map((event) => event.revision));
    expect(revisions).toEqual([['0', '1'], ['2', '3'], ['4']]);
    expect(pages.flatMap((page) => page.events)).toEqual(await historyOf(app, leadId));
  });
});
