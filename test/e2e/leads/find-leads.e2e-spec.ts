import type { LeadIndexAnswer, LeadIndexItem } from '@leadger/projections';
import { capture, command, send, type Answer, type Headers, type Reply } from '../../support/lead-api';
import { bodies, uniqueEmail } from '../../support/lead-journeys';
import { startTestApp, type TestApp } from '../../support/test-app';

// `GET /leads` over HTTP: the email through the blind index, combined filters, pages, who sees what, an
// erased lead, and the refusals.

let api: TestApp;
let last = '0';
const rep = `rep-${process.pid}`;
const otherRep = `other-${process.pid}`;
const source = `find-${process.pid}`;
const day = (n: number) => `2026-03-${String(n).padStart(2, '0')}T09:00:00.000Z`;

async function step(reply: Promise<Reply>, status = 200): Promise<Answer> {
  const answer = await reply;
  expect({ status: answer.statusCode, body: answer.body }).toMatchObject({ status });
  const body = answer.json<Answer>();
  last = body.position;
  return body;
}

/** A lead of `source` captured on March `n`, handed to `owner` when given. */
async function leadOn(n: number, owner?: string, email = uniqueEmail('find')): Promise<string> {
  const { leadId } = await step(
    capture(api.app, { ...bodies.capture(email), source, occurredAt: day(n) }),
    201,
  );
  if (owner) {
    await step(command(api.app, leadId, 'mql', { ...bodies.mql, occurredAt: day(n) }));
    await step(command(api.app, leadId, 'handoff', { toOwner: owner, occurredAt: day(n) }));
  }
  return leadId;
}

async function find(query: string, headers: Headers = {}): Promise<LeadIndexAnswer> {
  const reply = await send(api.app, { method: 'GET', url: `/leads?${query}&after=${last}`, headers });
  expect({ status: reply.statusCode, body: reply.body }).toMatchObject({ status: 200 });
  return reply.json<LeadIndexAnswer>();
}
const ids = (answer: LeadIndexAnswer) => answer.items.map((item: LeadIndexItem) => item.leadId);

let leads: string[];
const annEmail = uniqueEmail('Ann.Find');

beforeAll(async () => {
  api = await startTestApp(undefined, { LEADGER_READ_WAIT_MS: '3000' });
  leads = [
    await leadOn(1, undefined, ` ${annEmail} `),
    await leadOn(2, rep),
    await leadOn(3, otherRep),
    await leadOn(4, rep),
    await leadOn(5),
  ];
});
afterAll(() => api.dispose());

describe('GET /leads?email=', () => {
  it('finds the lead of an address however it is cased or padded, and shows nothing personal', async () => {
    const answer = await find(`email=${encodeURIComponent(annEmail.toUpperCase())}`);
    expect(ids(answer)).toEqual([leads[0]]);
    expect(answer.items[0]).toEqual({
      leadId: leads[0],
      stage: 'lead',
      opportunityStage: null,
      owner: null,
      source,
      campaign: null,
      capturedAt: day(1),
      lastEventAt: day(1),
      score: 0,
      erased: false,
      revision: '0',
    });
    expect(answer.nextCursor).toBeNull();
    expect(JSON.stringify(answer).toLowerCase()).not.toMatch(/ann|acme/);
  });

  it('finds nothing for an unknown address, and combines with the other filters', async () => {
    expect(ids(await find(`email=nobody-${process.pid}@example.com`))).toEqual([]);
    expect(ids(await find(`email=${encodeURIComponent(annEmail)}&stage=mql`))).toEqual([]);
    expect(ids(await find(`email=${encodeURIComponent(annEmail)}&stage=lead`))).toEqual([leads[0]]);
  });

  it('an erased lead: its email finds nothing any more, but it stays in the index, flagged', async () => {
    const email = uniqueEmail('erased');
    const leadId = await leadOn(6, undefined, email);
    expect(ids(await find(`email=${email}`))).toEqual([leadId]);
    await step(command(api.app, leadId, 'erase', {}));
    expect(ids(await find(`email=${email}`))).toEqual([]);
    const kept = (await find(`source=${source}&capturedFrom=2026-03-06`)).items;
    expect(kept).toEqual([expect.objectContaining({ leadId, erased: true })]);
  });
});

describe('GET /leads with filters', () => {
  it('pages through a source newest capture first, with a cursor', async () => {
    const pages: string[][] = [];
    let cursor = '';
    do {
      const answer = await find(`source=${source}&capturedTo=2026-03-05&limit=2${cursor}`);
      pages.push(ids(answer));
      cursor = answer.nextCursor ? `&cursor=${answer.nextCursor}` : '';
    } while (cursor);
    expect(pages.flat()).toEqual([...leads].reverse());
    expect(pages[0]).toHaveLength(2);
  });

  it('combines owner, stage and capture days', async () => {
    expect(ids(await find(`source=${source}&owner=${rep}&stage=mql`))).toEqual([leads[3], leads[1]]);
    expect(ids(await find(`owner=${rep}&capturedFrom=2026-03-03&capturedTo=2026-03-04`))).toEqual([leads[3]]);
    expect(ids(await find(`source=${source}&stage=sql`))).toEqual([]);
  });
});

describe('who finds what', () => {
  it('a sales rep finds only its own leads; another owner’s, asked by name or by email, are not there', async () => {
    const headers = await api.keyFor(rep, ['sales']);
    expect(ids(await find(`source=${source}`, headers))).toEqual([leads[3], leads[1]]);
    expect(ids(await find(`owner=${otherRep}`, headers))).toEqual([]);
    const other = await find(`email=${encodeURIComponent(annEmail)}`, headers);
    expect(ids(other)).toEqual([]);
  });

  it('a service looks up by email only the leads it touched; a list without an email is a 403', async () => {
    const headers = await api.keyFor(`form-${process.pid}`, ['service']);
    const email = uniqueEmail('service');
    const { leadId } = await step(capture(api.app, { ...bodies.capture(email), source }, headers), 201);
    expect(ids(await find(`email=${email}`, headers))).toEqual([leadId]);
    expect(ids(await find(`email=${encodeURIComponent(annEmail)}`, headers))).toEqual([]);
    const refused = await send(api.app, { method: 'GET', url: `/leads?source=${source}`, headers });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ status: 403, operation: 'FindLeads' });
  });

  it('an analyst finds every lead; the answer has nothing personal to mask', async () => {
    const headers = await api.keyFor(`analyst-${process.pid}`, ['analyst']);
    expect(ids(await find(`source=${source}&capturedTo=2026-03-05`, headers))).toEqual([...leads].reverse());
    expect(ids(await find(`email=${encodeURIComponent(annEmail)}`, headers))).toEqual([leads[0]]);
  });

  it('an admin finds them as an analyst does: the index holds nothing personal', async () => {
    const headers = await api.keyFor(`admin-${process.pid}`, ['admin']);
    expect(ids(await find(`source=${source}&capturedTo=2026-03-05`, headers))).toEqual([...leads].reverse());
    expect(ids(await find(`email=${encodeURIComponent(annEmail)}`, headers))).toEqual([leads[0]]);
  });
});

describe('refusals', () => {
  it.each([
    ['capturedFrom=2026-02-30', 'capturedFrom'],
    ['capturedFrom=yesterday', 'capturedFrom'],
    ['capturedFrom=2026-03-02&capturedTo=2026-03-01', 'capturedTo'],
    ['stage=customer', 'stage'],
    ['cursor=not-ours', 'cursor'],
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['email=not-an-address', 'email'],
    ['after=soon', 'after'],
  ])('?%s is a 400 naming %s', async (query, field) => {
    const reply = await send(api.app, { method: 'GET', url: `/leads?${query}` });
    expect(reply.statusCode).toBe(400);
    expect(reply.headers['content-type']).toContain('application/problem+json');
    expect(reply.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain(field);
  });
});
