import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  capture,
  command,
  getLead,
  historyOf,
  storedEventCount,
  type Answer,
  type Reply,
} from '../../support/lead-api';
import { bodies, leadAt, uniqueEmail } from '../../support/lead-journeys';
import { startTestApp } from '../../support/test-app';
import { withTestApp } from '../../support/with-test-app';

// Idempotency-Key, If-Match and X-Correlation-Id: what a retrying client relies on.

/** The parts of an answer a retry must repeat. */
function answerOf(reply: Reply) {
  return { status: reply.statusCode, etag: reply.headers.etag, body: reply.json<Answer>() };
}

/** The first answer as a retry gets it back: the same, marked as replayed. */
function replayOf(first: ReturnType<typeof answerOf>) {
  return { ...first, body: { ...first.body, replayed: true } };
}

function expectProblem(reply: Reply, status: number, type: string) {
  expect(reply.statusCode).toBe(status);
  expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(reply.json()).toMatchObject({ status, type: `https://leadger.dev/problems/${type}` });
}

describe('Idempotency-Key, If-Match and X-Correlation-Id', () => {
  let app: NestFastifyApplication;
  withTestApp((started) => {
    app = started;
  });

  describe('Idempotency-Key', () => {
    it('a retried capture gets the first answer (201) and the lead is captured once', async () => {
      const before = await storedEventCount(app);
      const body = bodies.capture(uniqueEmail('retry'));
      const send = () => capture(app, body, { 'idempotency-key': 'capture-1' });
      const first = answerOf(await send());
      expect(first).toMatchObject({ status: 201, body: { revision: '0', replayed: false } });
      expect(answerOf(await send())).toEqual(replayOf(first));
      expect(answerOf(await send())).toEqual(replayOf(first));
      expect(await storedEventCount(app)).toBe(before + 1);
    });

    it('parallel retries of one command append it once and all get its answer', async () => {
      const leadId = await leadAt(app, 'lead');
      const headers = { 'idempotency-key': 'mql-1' };
      const replies = await Promise.all(
        Array.from({ length: 8 }, () => command(app, leadId, 'mql', bodies.mql, headers)),
      );
      const answers = replies.map(answerOf);
      const firsts = answers.filter((answer) => !answer.body.replayed);
      expect(firsts).toHaveLength(1);
      expect(answers.filter((answer) => answer.body.replayed)).toEqual(Array(7).fill(replayOf(firsts[0])));
      expect((await historyOf(app, leadId)).map((event) => event.type)).toEqual([
        'LeadCaptured',
        'LeadMarketingQualified',
      ]);
    });

    it('a retry gets the first answer even when the command would now be illegal', async () => {
      const leadId = await leadAt(app, 'handedOff');
      const first = answerOf(await command(app, leadId, 'accept', {}, { 'idempotency-key': 'accept-1' }));
      expect(first).toMatchObject({ status: 200, body: { stage: 'sal', revision: '3' } });
      expect((await command(app, leadId, 'qualify', bodies.qualify)).statusCode).toBe(200);
      const retry = await command(app, leadId, 'accept', {}, { 'idempotency-key': 'accept-1' });
      expect(answerOf(retry)).toEqual(replayOf(first));
      expect(await historyOf(app, leadId)).toHaveLength(5);
    });

    it('the same key with a different body is refused 422 and appends nothing', async () => {
      const leadId = await leadAt(app, 'lead');
      const headers = { 'idempotency-key': 'engagement-1' };
      expect((await command(app, leadId, 'engagements', bodies.engagement, headers)).statusCode).toBe(200);
      const before = await storedEventCount(app);
      const changed = { ...bodies.engagement, scoreDelta: 50 };
      expectProblem(await command(app, leadId, 'engagements', changed, headers), 422, 'idempotency_conflict');
      expect(await storedEventCount(app)).toBe(before);
    });

    it('the same key for another command is refused 422 and appends nothing', async () => {
      const leadId = await leadAt(app, 'lead');
      const headers = { 'idempotency-key': 'engagement-2' };
      expect((await command(app, leadId, 'engagements', bodies.engagement, headers)).statusCode).toBe(200);
      const before = await storedEventCount(app);
      const reply = await command(app, leadId, 'mql', bodies.mql, headers);
      expectProblem(reply, 422, 'idempotency_conflict');
      expect(reply.json()).toMatchObject({
        idempotencyKey: 'engagement-2',
        firstCommand: 'RecordEngagement',
      });
      expect(await storedEventCount(app)).toBe(before);
    });
  });

  describe('If-Match', () => {
    it('a stale revision gets 412 naming the current one and appends nothing', async () => {
      const leadId = await leadAt(app, 'mql');
      const before = await storedEventCount(app);
      const reply = await command(app, leadId, 'handoff', bodies.handoff, { 'if-match': '"0"' });
      expectProblem(reply, 412, 'stale_revision');
      expect(reply.json()).toMatchObject({ leadId, expectedRevision: '0', currentRevision: '1' });
      expect(await storedEventCount(app)).toBe(before);
    });

    it('the ETag of GET /leads/{id} sent back as If-Match lets the command through', async () => {
      const leadId = await leadAt(app, 'mql');
      const etag = String((await getLead(app, leadId)).headers.etag);
      const reply = await command(app, leadId, 'handoff', bodies.handoff, { 'if-match': etag });
      expect(answerOf(reply)).toMatchObject({ status: 200, etag: '"2"', body: { revision: '2' } });
      const next = await command(app, leadId, 'accept', {}, { 'if-match': 'W/"2"' });
      expect(answerOf(next)).toMatchObject({ status: 200, etag: '"3"', body: { stage: 'sal' } });
    });
  });

  it('X-Correlation-Id reaches the metadata of every event the command appends', async () => {
    const leadId = await leadAt(app, 'handedOff');
    const headers = { 'x-correlation-id': 'flow-42', 'idempotency-key': 'reject-1' };
    expect((await command(app, leadId, 'reject', bodies.reject, headers)).statusCode).toBe(200);
    const appended = (await historyOf(app, leadId)).slice(3);
    expect(
      appended.map((event) => [event.type, event.metadata.correlationId, event.metadata.commandId]),
    ).toEqual([
      ['LeadRejected', 'flow-42', 'reject-1'],
      ['LeadRecycled', 'flow-42', 'reject-1'],
    ]);
  });
});

describe('Idempotency-Key across a restart', () => {
  it('a retry after the app restarts on the same data dir gets the first answer and appends nothing', async () => {
    const first = await startTestApp();
    const email = uniqueEmail('restart');
    const send = (app: NestFastifyApplication) =>
      capture(app, bodies.capture(email), { 'idempotency-key': 'capture-before-restart' });
    const captured = answerOf(await send(first.app));
    const { leadId } = captured.body;
    const markMql = (app: NestFastifyApplication) =>
      command(app, leadId, 'mql', bodies.mql, { 'idempotency-key': 'mql-before-restart' });
    const qualified = answerOf(await markMql(first.app));
    await first.close();

    const second = await startTestApp(first.dataDir);
    try {
      expect(answerOf(await send(second.app))).toEqual(replayOf(captured));
      expect(answerOf(await markMql(second.app))).toEqual(replayOf(qualified));
      expect(await storedEventCount(second.app)).toBe(2);
    } finally {
      await second.dispose();
    }
  });
});
