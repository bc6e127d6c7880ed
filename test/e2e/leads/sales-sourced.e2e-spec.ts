import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { capture, command, getLead, historyOf, storedEventCount, type Headers } from '../../support/lead-api';
import { bodies, uniqueEmail } from '../../support/lead-journeys';
import { startTestApp, type TestApp } from '../../support/test-app';

// "Sales first in": a rep captures a lead they met, which starts at sal in their name, over HTTP.

let test: TestApp;
let app: NestFastifyApplication;
let bob: Headers;
let manager: Headers;
let marketing: Headers;
beforeAll(async () => {
  test = await startTestApp();
  app = test.app;
  bob = await test.keyFor('bob', ['sales']);
  manager = await test.keyFor('sally', ['sales_manager']);
  marketing = await test.keyFor('mo', ['marketing']);
});
afterAll(() => test?.dispose());

const salesCapture = (owner: string) => ({ ...bodies.capture(uniqueEmail('met')), origin: 'sales', owner });

describe('POST /leads with origin sales', () => {
  it('starts the lead at sal, owned by the rep, with no MQL or handoff, and the rep can qualify it', async () => {
    const reply = await capture(app, salesCapture('bob'), bob);
    expect(reply.statusCode).toBe(201);
    const { leadId, stage, events } = reply.json<{ leadId: string; stage: string; events: string[] }>();
    expect({ stage, events }).toEqual({ stage: 'sal', events: ['LeadCaptured'] });
    const lead = (await getLead(app, leadId, bob)).json<Record<string, unknown>>();
    expect(lead).toMatchObject({ stage: 'sal', owner: 'bob', origin: 'sales' });
    expect(lead.stageEnteredAt).not.toHaveProperty('mql');
    const qualified = await command(app, leadId, 'qualify', bodies.qualify, bob);
    expect(qualified.statusCode).toBe(200);
    const types = (await historyOf(app, leadId)).map((event) => event.type);
    expect(types).toEqual(['LeadCaptured', 'LeadQualified']);
  });

  it('refuses a rep naming another rep (403), and appends nothing', async () => {
    const before = await storedEventCount(app);
    const reply = await capture(app, salesCapture('carol'), bob);
    expect(reply.statusCode).toBe(403);
    expect(await storedEventCount(app)).toBe(before);
    expect(reply.json<{ detail: string }>().detail).toMatch(/only themself/);
  });

  it('lets a sales manager name any rep', async () => {
    const reply = await capture(app, salesCapture('carol'), manager);
    expect(reply.statusCode).toBe(201);
    expect(reply.json()).toMatchObject({ stage: 'sal' });
  });

  it('refuses a rep capturing for marketing (403) and marketing capturing for sales (403)', async () => {
    expect((await capture(app, bodies.capture(uniqueEmail('rep')), bob)).statusCode).toBe(403);
    expect((await capture(app, salesCapture('bob'), marketing)).statusCode).toBe(403);
  });

  it('refuses origin sales without an owner (422 naming owner)', async () => {
    const { owner: _owner, ...body } = salesCapture('bob');
    const reply = await capture(app, body, manager);
    expect(reply.statusCode).toBe(422);
    expect(JSON.stringify(reply.json())).toContain('owner');
  });
});
