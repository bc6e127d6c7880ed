import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  finishStitch,
  loadSuspect,
  sealSuspectEvent,
  type CommandHandlerDeps,
  type LeadIdentity,
} from '@leadger/lead-application';
import { LEAD_IDENTITY } from '../../../apps/api/src/auth/identity.module';
import { toEventData } from '../../../libs/lead-application/src/to-event-data';
import { COMMAND_HANDLER_DEPS } from '../../../apps/api/src/leads/execute-lead-command';
import {
  capture,
  command,
  getLead,
  historyOf,
  send,
  storedEventCount,
  type Answer,
  type Headers,
} from '../../support/lead-api';
import { bodies, uniqueEmail } from '../../support/lead-journeys';
import { startTestApp, type TestApp } from '../../support/test-app';

// Suspects over HTTP: anonymous visitors engage, a capture stitches them once (also when two race, or when a
// crash left the stitch half done), later engagements land on the lead, and erasure unlinks them.

let test: TestApp;
let app: NestFastifyApplication;
let service: Headers;
let seq = 0;
beforeAll(async () => {
  test = await startTestApp();
  app = test.app;
  service = await test.keyFor('web-tracker', ['service']);
});
afterAll(() => test?.dispose());

const visitor = () => `visitor-${process.pid}-${++seq}`;
const visit = { kind: 'web_visit', scoreDelta: 5, utm: { source: 'google', campaign: 'q3-launch' } };

function engage(anonymousId: string, body: object = visit, headers: Headers = service) {
  return send(app, { method: 'POST', url: `/suspects/${anonymousId}/engagements`, payload: body, headers });
}

const captureNaming = (anonymousId: string, email = uniqueEmail('stitched')) =>
  capture(app, { ...bodies.capture(email), anonymousId });

async function stitchesOf(leadId: string) {
  return (await historyOf(app, leadId)).filter((event) => event.type === 'SuspectStitched');
}

async function suspectEvents(anonymousId: string): Promise<string[]> {
  const read = await deps().store.readStream(deps().directory.suspectStream(anonymousId));
  return read.found ? read.events.map((event) => event.type) : [];
}

const deps = () => ({
  ...app.get<symbol, CommandHandlerDeps>(COMMAND_HANDLER_DEPS),
  directory: app.get<symbol, LeadIdentity>(LEAD_IDENTITY).directory,
});
const load = (anonymousId: string) =>
  loadSuspect(deps().store, deps().personalData, deps().directory, anonymousId);

describe('POST /suspects/{anonymousId}/engagements', () => {
  it('records anonymous engagements on the suspect; a capture naming it stitches them onto the lead', async () => {
    const id = visitor();
    const first = await engage(id);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      anonymousId: id,
      leadId: null,
      events: ['AnonymousEngagementRecorded'],
    });
    await engage(id, { kind: 'content_download', scoreDelta: 10, source: 'newsletter' });
    const captured = await captureNaming(id);
    expect(captured.statusCode).toBe(201);
    const answer = captured.json<Answer>();
    expect(answer.events).toEqual(['LeadCaptured', 'SuspectStitched']);
    expect(captured.headers.etag).toBe(`"${answer.revision}"`);
    const [stitch] = await stitchesOf(answer.leadId);
    expect(stitch.data).toMatchObject({
      anonymousId: id,
      engagements: 2,
      score: 15,
      source: 'google',
      campaign: 'q3-launch',
    });
    expect((await getLead(app, answer.leadId)).json()).toMatchObject({ score: 15 });
    expect(await suspectEvents(id)).toEqual([
      'AnonymousEngagementRecorded',
      'AnonymousEngagementRecorded',
      'SuspectIdentified',
    ]);
    // The cookie id is in no stream name and no event in clear: the blind index names the suspect.
    const raw = await deps().store.readAll({ maxCount: Number.MAX_SAFE_INTEGER });
    expect(JSON.stringify(raw.map(({ streamName, data }) => ({ streamName, data })))).not.toContain(id);

    const later = await engage(id, { kind: 'web_visit', scoreDelta: 2 });
    expect(later.json()).toMatchObject({ leadId: answer.leadId, events: ['EngagementRecorded'] });
    expect(await suspectEvents(id)).toHaveLength(3);
    expect((await getLead(app, answer.leadId)).json()).toMatchObject({ score: 17 });
  });

  it('stitches once: a second capture naming the suspect stitches nothing more', async () => {
    const id = visitor();
    await engage(id);
    const email = uniqueEmail('once');
    const first = (await captureNaming(id, email)).json<Answer>();
    const again = await captureNaming(id, email);
    expect(again.json<Answer>().events).toEqual(['EngagementRecorded']);
    const other = await captureNaming(id);
    expect(other.json<Answer>().events).toEqual(['LeadCaptured']);
    expect(await stitchesOf(first.leadId)).toHaveLength(1);
  });

  it('stitches nothing for an anonymousId with no engagements, and starts no suspect', async () => {
    const id = visitor();
    const captured = (await captureNaming(id)).json<Answer>();
    expect(captured.events).toEqual(['LeadCaptured']);
    expect(await suspectEvents(id)).toEqual([]);
  });

  it('stitches once when captures of two people race with one anonymousId', async () => {
    const id = visitor();
    await engage(id);
    const answers = await Promise.all(Array.from({ length: 6 }, () => captureNaming(id)));
    const leads = answers.map((reply) => reply.json<Answer>());
    expect(leads.filter((lead) => lead.events.includes('SuspectStitched'))).toHaveLength(1);
    const stitches = await Promise.all(leads.map((lead) => stitchesOf(lead.leadId)));
    expect(stitches.flat()).toHaveLength(1);
    expect((await suspectEvents(id)).filter((type) => type === 'SuspectIdentified')).toHaveLength(1);
  });

  /** A visitor engaged and captured, its stitch left half done as a capture that crashed would leave it. */
  async function halfStitched(): Promise<{ id: string; leadId: string }> {
    const id = visitor();
    await engage(id);
    const lead = (await capture(app, bodies.capture(uniqueEmail('crashed')))).json<Answer>();
    const suspect = await load(id);
    const identified = {
      type: 'SuspectIdentified',
      data: {
        leadId: lead.leadId,
        engagements: 1,
        score: 5,
        firstTouchAt: new Date().toISOString(),
        source: 'google',
        campaign: 'q3-launch',
      },
      metadata: { occurredAt: new Date().toISOString() },
    } as const;
    const sealed = await sealSuspectEvent(deps().personalData, suspect, identified);
    const issued = { actor: 'crashed-capture', commandId: 'crashed-capture', command: 'IdentifySuspect' };
    await deps().store.appendToStream(
      suspect.stream,
      toEventData(suspect, [sealed], issued, new Date()),
      suspect.revision,
    );
    return { id, leadId: lead.leadId };
  }

  it('finishes a stitch a crash left half done on the next touch (or by the policy, first), once', async () => {
    const { id, leadId } = await halfStitched();
    const touched = await engage(id, { kind: 'email_click', scoreDelta: 1 });
    expect(touched.json()).toMatchObject({ leadId, events: ['EngagementRecorded'] });
    const types = (await historyOf(app, leadId)).map((event) => event.type);
    expect(types).toEqual(['LeadCaptured', 'SuspectStitched', 'EngagementRecorded']);
    // Finishing again, by any path, adds nothing.
    const reloaded = await load(id);
    expect(await finishStitch(deps(), reloaded, { actor: 'someone', command: 'CaptureLead' })).toBeNull();
    expect(await stitchesOf(leadId)).toHaveLength(1);
  });

  it('finishes a stitch a crash left half done by the stitch policy, with no later touch, once', async () => {
    const { leadId } = await halfStitched();
    const until = Date.now() + 10_000;
    while ((await stitchesOf(leadId)).length === 0 && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const [stitch, ...more] = await stitchesOf(leadId);
    expect(more).toEqual([]);
    expect(stitch.metadata).toMatchObject({
      actor: 'policy:stitch',
      commandId: expect.stringMatching(/^stitch:/),
      policy: { name: 'stitch', rule: 'stitch' },
    });
  });

  it('records nothing on a disqualified lead', async () => {
    const id = visitor();
    await engage(id);
    const lead = (await captureNaming(id)).json<Answer>();
    await command(app, lead.leadId, 'disqualify', bodies.disqualify);
    const before = await storedEventCount(app);
    const reply = await engage(id);
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ leadId: lead.leadId, events: [] });
    expect(await storedEventCount(app)).toBe(before);
  });

  it('unlinks the suspect when its lead is erased: its later engagements land nowhere', async () => {
    const id = visitor();
    await engage(id);
    const lead = (await captureNaming(id)).json<Answer>();
    expect((await command(app, lead.leadId, 'erase')).statusCode).toBe(200);
    const suspect = await load(id);
    expect(suspect.state).toMatchObject({ stage: 'identified', leadId: null });
    const [stitch] = await stitchesOf(lead.leadId);
    expect(stitch.data.anonymousId).toBeNull();
    const reply = await engage(id);
    expect(reply.json()).toMatchObject({ leadId: null, events: [] });
  });

  it.each([
    ['too long', 'x'.repeat(129)],
    ['a slash', 'a%2Fb'],
    ['a space', 'a%20b'],
  ])('refuses an anonymousId with %s (400 naming anonymousId), appending nothing', async (_, id) => {
    const before = await storedEventCount(app);
    const reply = await engage(id);
    expect(reply.statusCode).toBe(400);
    expect(reply.json()).toMatchObject({ errors: [{ field: 'anonymousId' }] });
    expect(await storedEventCount(app)).toBe(before);
  });

  it('refuses a capture naming a malformed anonymousId (400 naming it), appending nothing', async () => {
    const before = await storedEventCount(app);
    const reply = await capture(app, { ...bodies.capture(uniqueEmail('bad-cookie')), anonymousId: 'a b' });
    expect(reply.statusCode).toBe(400);
    expect(reply.json()).toMatchObject({ errors: [{ field: 'anonymousId' }] });
    expect(await storedEventCount(app)).toBe(before);
  });

  it('refuses sales and analysts (403)', async () => {
    const rep = await test.keyFor('suspect-rep', ['sales']);
    const analyst = await test.keyFor('suspect-analyst', ['analyst']);
    expect((await engage(visitor(), visit, rep)).statusCode).toBe(403);
    expect((await engage(visitor(), visit, analyst)).statusCode).toBe(403);
  });
});
