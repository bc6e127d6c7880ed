import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { command, getLead, historyOf, send, storedEventCount, type Answer } from '../../support/lead-api';
import { bodies, leadAt } from '../../support/lead-journeys';
import type { TestApp } from '../../support/test-app';
import { withTestApp } from '../../support/with-test-app';

// Customers over HTTP: expansions opened, moved, won and lost, and the customer-nurture queue.

let app: NestFastifyApplication;
let test: TestApp;
withTestApp((started, running) => {
  app = started;
  test = running;
});

const get = (url: string) => send(app, { method: 'GET', url });
const ok = async (reply: Promise<{ statusCode: number; body: string; json: <T>() => T }>) => {
  const answer = await reply;
  expect(`${answer.statusCode} ${answer.body}`).toMatch(/^200 /);
  return answer.json<Answer>();
};

describe('customers and expansion', () => {
  it('opens an upsell on a customer with its own opportunityId; a loss leaves it a customer', async () => {
    const leadId = await leadAt(app, 'won');
    const opened = await ok(command(app, leadId, 'opportunities', { kind: 'upsell', amount: 20_000 }));
    expect(opened.stage).toBe('sql');
    const lead = (await getLead(app, leadId)).json<{
      customerSince: string;
      opportunity: { opportunityId: string; kind: string; stage: string };
    }>();
    expect(lead.customerSince).toEqual(expect.any(String));
    expect(lead.opportunity).toMatchObject({ kind: 'upsell', stage: 'prospecting' });
    const qualified = (await historyOf(app, leadId)).find((e) => e.type === 'LeadQualified')!;
    expect(lead.opportunity.opportunityId).not.toBe(qualified.data.opportunityId);
    await ok(command(app, leadId, 'stage', { stage: 'evaluation' }));
    const lost = await ok(command(app, leadId, 'lost', { reason: 'pricing' }));
    expect(lost.stage).toBe('won');
    const reopen = await command(app, leadId, 'reopen');
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json()).toMatchObject({ stage: 'won' });
    const types = (await historyOf(app, leadId)).map((e) => e.type);
    expect(types.slice(-3)).toEqual(['OpportunityOpened', 'OpportunityStageChanged', 'DealLost']);
  });

  it('refuses a second open opportunity (409 naming sql), a bad kind (400), a lead never won (409), appending nothing', async () => {
    const open = await leadAt(app, 'won');
    await ok(command(app, open, 'opportunities', bodies.openOpportunity));
    const won = await leadAt(app, 'won');
    const sal = await leadAt(app, 'sal');
    const before = await storedEventCount(app);
    const again = await command(app, open, 'opportunities', bodies.openOpportunity);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ stage: 'sql' });
    const badKind = await command(app, won, 'opportunities', { kind: 'new_business', amount: 1 });
    expect(badKind.statusCode).toBe(400);
    const notCustomer = await command(app, sal, 'opportunities', bodies.openOpportunity);
    expect(notCustomer.statusCode).toBe(409);
    expect(await storedEventCount(app)).toBe(before);
  });

  it('lets a rep open opportunities only on their own customers', async () => {
    const leadId = await leadAt(app, 'won');
    const carol = await test.keyFor('carol', ['sales']);
    const bob = await test.keyFor(bodies.handoff.toOwner, ['sales']);
    expect((await command(app, leadId, 'opportunities', bodies.openOpportunity, carol)).statusCode).toBe(403);
    expect((await command(app, leadId, 'opportunities', bodies.openOpportunity, bob)).statusCode).toBe(200);
  });

  it('keeps a scheduled customer in the queue until an opportunity opens; a new schedule replaces the old', async () => {
    const leadId = await leadAt(app, 'won');
    const soon = new Date(Date.now() + 2_000).toISOString();
    await ok(command(app, leadId, 'customer-nurture', bodies.customerNurture));
    const replaced = await ok(
      command(app, leadId, 'customer-nurture', { program: 'renewal', revisitAt: soon }),
    );
    type Items = { items: { leadId: string; program: string; revisitAt: string; claimedBy?: string }[] };
    const listed = (await get(`/customer-nurture?limit=500&after=${replaced.position}`)).json<Items>();
    expect(listed.items.filter((item) => item.leadId === leadId)).toEqual([
      expect.objectContaining({ program: 'renewal', revisitAt: soon }),
    ]);
    const past = { program: 'referral', revisitAt: '2020-01-01T00:00:00.000Z' };
    const early = await command(app, leadId, 'customer-nurture', past);
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ field: 'revisitAt', command: 'ScheduleCustomerNurture' });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const claim = await send(app, {
      method: 'POST',
      url: '/customer-nurture/claim',
      payload: { consumer: 'cs-bot', limit: 500 },
    });
    expect(claim.json<Items>().items.map((item) => item.leadId)).toContain(leadId);
    const opened = await ok(command(app, leadId, 'opportunities', bodies.openOpportunity));
    const after = (await get(`/customer-nurture?limit=500&after=${opened.position}`)).json<Items>();
    expect(after.items.map((item) => item.leadId)).not.toContain(leadId);
  });
});
