import { leadEventTypes } from '@leadger/lead-domain';
import type { InjectOptions } from 'fastify';
import type { Answer, Reply } from '../support/lead-api';
import { bodies, stepsTo, uniqueEmail, type Destination, type Step } from '../support/lead-journeys';
import { OpenApiContract } from '../support/openapi-contract';
import { actor, startTestApp, type TestApp } from '../support/test-app';
import { startReceiver } from '../support/webhook-receiver';
import { WebhookRunnerService } from '../../apps/api/src/webhooks/webhook-runner.service';

// Every route of the published OpenAPI document walked over HTTP, commands, queries, read models, health and
// refusals alike: each real answer's status, media type, body and headers are checked against what the
// document says of that operation. Bodies are held to the fields the document names, no more.

// Dozens of calls per test, and one read that waits out LEADGER_READ_WAIT_MS: on a busy machine, more than
// Jest's default 5 s.
jest.setTimeout(60_000);

let api: TestApp;
let contract: OpenApiContract;
/** What the document got wrong about the answers of the current test. */
let violations: string[] = [];

beforeAll(async () => {
  // Long enough for ?after= to be reached on a busy machine; the 503 test waits it out once.
  api = await startTestApp(undefined, { LEADGER_READ_WAIT_MS: '2000' });
  const published = await api.app.inject({ method: 'GET', url: '/openapi.json' });
  contract = new OpenApiContract(published.json());
});

afterAll(() => api.dispose());

afterEach(() => {
  const found = violations;
  violations = [];
  expect(found).toEqual([]);
});

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

async function call(method: Method, url: string, options: Omit<InjectOptions, 'method' | 'url'> = {}) {
  const reply = await api.app.inject({
    ...options,
    method,
    url,
    headers: { ...api.auth, ...options.headers },
  });
  violations.push(...contract.check(method, url, reply));
  return reply;
}

const get = (url: string) => call('GET', url);
const post = (url: string, payload: object | string = {}, headers: Record<string, string> = {}) =>
  call('POST', url, { payload, headers: { ...actor, ...headers } });

/** The answer's body once its status is the expected one (a failure shows the whole answer). */
function expectStatus<T = Answer>(reply: Reply, status: number): T {
  expect(`${reply.statusCode} ${reply.body}`).toMatch(new RegExp(`^${status} `));
  return reply.json<T>();
}

/** The answer's text once its status is the expected one. */
function expectText(reply: Reply, status: number): string {
  expect(`${reply.statusCode} ${reply.body}`).toMatch(new RegExp(`^${status} `));
  return reply.body;
}

/** A command on the lead that must succeed; its answer. */
const act = async (leadId: string, action: string, body: object = {}, headers: Record<string, string> = {}) =>
  expectStatus(await post(`/leads/${leadId}/${action}`, body, headers), 200);

async function captured(email = uniqueEmail('contract'), dated: Dated = undated): Promise<string> {
  return expectStatus(await post('/leads', dated(bodies.capture(email))), 201).leadId;
}

type Dated = (body?: object) => object;
const undated: Dated = (body = {}) => body;

/** Bodies dated a minute apart from an hour ago: a backfill, so that revisit dates in the past are legal. */
function backfill(): Dated {
  const from = Date.now() - 3_600_000;
  let minute = 0;
  return (body = {}) => ({ ...body, occurredAt: new Date(from + 60_000 * minute++).toISOString() });
}

/** A new lead walked to `destination`, every answer on the way checked. */
async function leadAt(destination: Destination, dated: Dated = undated): Promise<string> {
  const leadId = await captured(undefined, dated);
  for (const [action, body] of stepsTo[destination] as readonly Step[])
    await act(leadId, action, dated(body));
  return leadId;
}

const past = new Date(Date.now() - 60_000).toISOString();
/** The leads the first test walks to won, through every other command, and erases, read again later. */
let wonLead: string;
let otherLead: string;
let erasedLead: string;

describe('the published contract, answer by answer', () => {
  it('commands: one lead from capture to won, another through every other command', async () => {
    const email = uniqueEmail('won');
    const won = await captured(email);
    const visit = { kind: 'content_download', scoreDelta: 3 };
    expectStatus(await post('/suspects/contract-won-visitor/engagements', visit), 200);
    const recapture = {
      email,
      source: 'ads',
      utm: { source: 'linkedin', medium: 'cpc' },
      anonymousId: 'contract-won-visitor',
    };
    expect(expectStatus(await post('/leads', recapture), 200).events).toEqual([
      'EngagementRecorded',
      'SuspectStitched',
    ]);
    await act(won, 'engagements', bodies.engagement);
    await act(won, 'mql', bodies.mql);
    await act(won, 'handoff', bodies.handoff);
    const accepted = await post(`/leads/${won}/accept`, {}, { 'idempotency-key': 'contract-accept' });
    expectStatus(accepted, 200);
    await act(won, 'qualify', bodies.qualify, { 'if-match': String(accepted.headers.etag) });
    await act(won, 'stage', { stage: 'evaluation', amount: 55_000 });
    await act(won, 'won', { amount: 52_000 });
    await act(won, 'customer-nurture', bodies.customerNurture);
    await act(won, 'opportunities', { ...bodies.openOpportunity, owner: bodies.handoff.toOwner });
    await act(won, 'stage', { stage: 'commitment' });
    await act(won, 'lost', { reason: 'pricing' });
    await act(won, 'opportunities', { kind: 'renewal', amount: 12_000 });
    await act(won, 'won', {});
    wonLead = won;

    const otherEmail = uniqueEmail('other');
    const dated = backfill();
    const other = await captured(otherEmail, dated);
    otherLead = other;
    await act(other, 'mql', dated(bodies.mql));
    await act(other, 'handoff', dated(bodies.handoff));
    await act(other, 'reassign', dated({ toOwner: 'carol' }));
    await act(other, 'reject', dated({ reason: 'bad_timing', revisitAt: past }));
    await act(other, 'reengage', dated({ toStage: 'mql', note: 'asked for a demo' }));
    await act(other, 'handoff', dated({ toOwner: 'dan' }));
    await act(other, 'accept', dated());
    await act(other, 'qualify', dated(bodies.qualify));
    await act(other, 'lost', dated(bodies.lostKeepOpen));
    await act(other, 'reopen', dated());
    await act(other, 'lost', dated({ reason: 'competitor', competitor: 'Rival Inc', recycle: false }));
    await act(other, 'recycle', dated({ reason: 'pricing', revisitAt: past }));
    await act(other, 'disqualify', dated(bodies.disqualify));
    const recaptured = await post('/leads', bodies.capture(otherEmail));
    expect(expectStatus(recaptured, 200)).toMatchObject({ stage: 'disqualified', events: [] });
    await act(other, 'requalify', { note: 'a real buyer after all' });
    erasedLead = await leadAt('sql');
    await act(erasedLead, 'erase');
  });

  it('suspects: anonymous engagements, a capture that stitches them, and one that lands on the lead', async () => {
    const visit = { kind: 'web_visit', scoreDelta: 5, utm: { source: 'google', campaign: 'q3' } };
    const anonymous = expectStatus(await post('/suspects/contract-visitor/engagements', visit), 200);
    expect(anonymous).toMatchObject({ leadId: null, events: ['AnonymousEngagementRecorded'] });
    const stitched = await post('/leads', {
      ...bodies.capture(uniqueEmail('stitched')),
      anonymousId: 'contract-visitor',
    });
    expect(expectStatus(stitched, 201).events).toEqual(['LeadCaptured', 'SuspectStitched']);
    const landed = expectStatus(await post('/suspects/contract-visitor/engagements', visit), 200);
    expect(landed).toMatchObject({ leadId: stitched.json<Answer>().leadId, events: ['EngagementRecorded'] });
    const sales = await post('/leads', {
      ...bodies.capture(uniqueEmail('met')),
      origin: 'sales',
      owner: 'bob',
    });
    expect(expectStatus(sales, 201)).toMatchObject({ stage: 'sal' });
  });

  it('lead queries: a lead in every stage, and a history read page by page', async () => {
    const stages: Record<string, string> = {};
    const stageOf = async (leadId: string) =>
      expectStatus<{ stage: string }>(await get(`/leads/${leadId}`), 200).stage;
    for (const destination of Object.keys(stepsTo) as Destination[]) {
      stages[destination] = await stageOf(await leadAt(destination));
    }
    stages.won = await stageOf(wonLead);
    expect(stages).toEqual({
      lead: 'lead',
      mql: 'mql',
      handedOff: 'mql',
      sal: 'sal',
      sql: 'sql',
      lost: 'lost',
      nurture: 'nurture',
      disqualified: 'disqualified',
      won: 'won',
    });

    // Between them, the leads of the first test have had every type of event.
    const types = new Set<string>();
    for (const leadId of [wonLead, otherLead, erasedLead]) {
      const revisions: string[] = [];
      let query = 'limit=3';
      for (;;) {
        const page = expectStatus<{
          events: { revision: string; type: string }[];
          nextFromRevision: string | null;
        }>(await get(`/leads/${leadId}/history?${query}`), 200);
        revisions.push(...page.events.map((event) => event.revision));
        page.events.forEach((event) => types.add(event.type));
        if (page.nextFromRevision === null) break;
        query = `limit=3&fromRevision=${page.nextFromRevision}`;
      }
      expect(revisions).toEqual(revisions.map((_, index) => String(index)));
      expect(revisions.length).toBeGreaterThan(3);
      // The erased lead's chain holds too: erasure makes sealed values unreadable, it rewrites nothing.
      const chain = expectStatus<{ events: number; verified: boolean }>(
        await get(`/leads/${leadId}/chain`),
        200,
      );
      expect(chain).toMatchObject({ events: revisions.length, verified: true });
    }
    expect([...types].sort()).toEqual([...leadEventTypes].sort());
  });

  it('read models: every query, plain, grouped, filtered and as of a past moment', async () => {
    const dated = backfill();
    const due = await leadAt('handedOff', dated);
    const after = `after=${(await act(due, 'reject', dated({ ...bodies.reject, revisitAt: past }))).position}`;
    const today = new Date().toISOString().slice(0, 10);
    for (const url of [
      `/funnel?${after}`,
      `/funnel?groupBy=source&${after}`,
      `/funnel?groupBy=campaign&${after}`,
      `/funnel?groupBy=cohort&cohort=day&capturedFrom=2020-01-01&capturedTo=${today}&${after}`,
      `/funnel?asOf=2020-01-01`,
      `/funnel?asOf=${new Date().toISOString()}&by=recorded`,
      `/funnel/stages?${after}`,
      `/funnel/stages?groupBy=owner&from=2020-01-01&to=${today}&${after}`,
      `/funnel/stages?groupBy=source&source=webinar&owner=${bodies.handoff.toOwner}&asOf=${new Date().toISOString()}`,
      `/funnel/parts?${after}`,
      `/funnel/parts?origin=sales&${after}`,
      `/funnel/stages?origin=marketing&${after}`,
      `/funnel/campaigns?${after}`,
      `/funnel/campaigns?from=2020-01-01&to=${today}&asOf=${new Date().toISOString()}`,
      `/funnel/parts?from=2020-01-01&to=${today}&asOf=${new Date().toISOString()}&by=recorded`,
      `/pipeline?${after}`,
      `/pipeline?owner=${bodies.handoff.toOwner}&closedFrom=2020-01-01&${after}`,
      `/pipeline?asOf=${new Date().toISOString()}`,
      `/pipeline?origin=sales&${after}`,
      `/nurture?${after}`,
      `/nurture?due=true&limit=1&${after}`,
      `/handoffs?${after}`,
      `/handoffs?owner=${bodies.handoff.toOwner}&status=accepted&breached=false&limit=2&${after}`,
      `/handoffs/summary?${after}`,
      `/leads?${after}`,
      `/leads?owner=${bodies.handoff.toOwner}&stage=nurture&capturedFrom=2020-01-01&limit=1&${after}`,
      `/leads?email=${encodeURIComponent(uniqueEmail('unknown'))}&${after}`,
    ]) {
      expectStatus(await get(url), 200);
    }
    const customer = await leadAt('won', dated);
    const scheduled = await act(
      customer,
      'customer-nurture',
      dated({ program: 'referral', revisitAt: past }),
    );
    const afterCustomer = `after=${scheduled.position}`;
    for (const url of [`/customer-nurture?${afterCustomer}`, `/customer-nurture?due=true&limit=1`])
      expectStatus(await get(url), 200);
    const customerClaim = await post(`/customer-nurture/claim?${afterCustomer}`, {
      consumer: 'contract-bot',
    });
    expect(expectStatus<{ items: unknown[] }>(customerClaim, 200).items.length).toBeGreaterThan(0);
    const claim = await post(`/nurture/claim?${after}`, {
      consumer: 'contract-bot',
      limit: 5,
      leaseMs: 60_000,
    });
    expect(expectStatus<{ items: unknown[] }>(claim, 200).items.length).toBeGreaterThan(0);
  });

  it('health: live, and ready with both stores and the projector', async () => {
    for (const url of ['/health', '/health/live', '/health/ready']) expectStatus(await get(url), 200);
  });

  it('metrics: the Prometheus text of this process', async () => {
    const reply = await get('/metrics');
    expect(expectText(reply, 200)).toContain('leadger_commands_total');
  });

  it('keys: issued, listed and revoked by an admin', async () => {
    const issued = expectStatus<{ token: string }>(
      await post('/keys', { name: 'contract-bot', roles: ['service'] }),
      201,
    );
    expect(issued.token).toMatch(/^lgr_/);
    expectStatus(await get('/keys'), 200);
    expectStatus(await call('DELETE', '/keys/contract-bot'), 200);
  });

  it('owners: added, set again unchanged, changed, the roster paged, one owner read', async () => {
    // On leave: routing must not hand the MQLs of the other tests to them.
    const olga = { name: 'Olga Berg', teams: ['inbound'], active: false, capacity: 10 };
    const put = (ownerId: string, payload: object, headers: Record<string, string> = {}) =>
      call('PUT', `/owners/${ownerId}`, { payload, headers });
    expectStatus(await put('olga', olga, { 'idempotency-key': 'contract-owner' }), 201);
    expectStatus(await put('olga', olga), 200);
    const { capacity: _capacity, ...unlimited } = olga;
    expectStatus(await put('olga', unlimited, { 'if-match': '"0"', 'x-correlation-id': 'roster-1' }), 200);
    expectStatus(await put('pavel', { ...unlimited, name: 'Pavel Novak' }), 201);
    const first = expectStatus<{ nextCursor: string }>(await get('/owners?limit=1'), 200);
    expectStatus(await get(`/owners?limit=1&cursor=${first.nextCursor}`), 200);
    expectStatus(await get('/owners/olga'), 200);
  });

  it('policies: the rules in force, their digest and the event that recorded them', async () => {
    const policies = expectStatus<{ digest: string; rules: { sla: { hours: number } } }>(
      await get('/policies'),
      200,
    );
    expect(policies.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(policies.rules.sla.hours).toBe(24);
  });

  it('refusals: each kind of problem, as problem+json with the fields it carries', async () => {
    const analyst = await api.keyFor('contract-analyst', ['analyst']);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const lead = await leadAt('lead');
    const key = { 'idempotency-key': 'contract-key' };
    const refusals: [Reply, number, object][] = [
      [await post('/leads', { source: 'webinar', shoeSize: 44 }), 400, { errors: expect.any(Array) }],
      [await post('/leads', bodies.capture(uniqueEmail()), { 'x-on-behalf-of': '' }), 400, {}],
      [await post('/leads', bodies.capture(uniqueEmail()), { authorization: '' }), 401, {}],
      [await post('/leads', bodies.capture(uniqueEmail()), { authorization: 'Bearer lgr_nope' }), 401, {}],
      [
        await post('/leads', bodies.capture(uniqueEmail()), analyst),
        403,
        { operation: 'CaptureLead', requiredRoles: ['service', 'marketing', 'sales', 'sales_manager'] },
      ],
      [await call('DELETE', '/keys/nobody'), 404, {}],
      [await get('/leads/not-a-uuid'), 400, { errors: [{ field: 'leadId', message: 'must be a UUID' }] }],
      [await get(`/leads/${wonLead}/history?fromRevision=-1`), 400, {}],
      [await get('/funnel?groupBy=owner'), 400, {}],
      [await get('/funnel/stages?groupBy=cohort'), 400, {}],
      [await get('/pipeline?origin=robots'), 400, {}],
      [await get('/funnel/parts?from=2026-02-30'), 400, {}],
      [
        await get('/funnel/parts?from=2026-03-01&to=2026-02-01'),
        400,
        { errors: [{ field: 'to', message: 'must not be before from' }] },
      ],
      [await get('/leads?stage=customer'), 400, { errors: [expect.objectContaining({ field: 'stage' })] }],
      [await post('/nurture/claim', { limit: 5 }), 400, {}],
      [await get(`/leads/${unknown}`), 404, {}],
      [await get(`/leads/${unknown}/history`), 404, {}],
      [await post(`/leads/${unknown}/accept`), 404, { command: 'AcceptLead' }],
      [
        await post(`/leads/${lead}/accept`),
        409,
        { command: 'AcceptLead', stage: 'lead', allowed: expect.any(Array) },
      ],
      [
        await post(`/leads/${lead}/mql`, bodies.mql, { 'if-match': '"7"' }),
        412,
        { leadId: lead, expectedRevision: '7', currentRevision: '0' },
      ],
      [await post(`/leads/${lead}/engagements`, { ...bodies.engagement, note: 'x'.repeat(70_000) }), 413, {}],
      [await post(`/leads/${lead}/mql`, 'score=72', { 'content-type': 'text/plain' }), 415, {}],
      [
        await post(`/leads/${lead}/disqualify`, { reason: 'other' }),
        422,
        { command: 'DisqualifyLead', field: 'note' },
      ],
      [
        await post(`/leads/${lead}/mql`, { ...bodies.mql, occurredAt: '2020-01-01T00:00:00Z' }),
        422,
        { field: 'occurredAt', occurredAt: '2020-01-01T00:00:00.000Z', notBefore: expect.any(String) },
      ],
      [await post(`/leads/${lead}/mql`, bodies.mql, key), 200, {}],
      [
        await post(`/leads/${lead}/engagements`, bodies.engagement, key),
        422,
        { idempotencyKey: 'contract-key', firstCommand: 'MarkMarketingQualified' },
      ],
      [
        await call('PUT', '/owners/olga', {
          payload: { name: 'Olga', teams: [], active: true, capacity: -1 },
        }),
        400,
        { errors: [expect.objectContaining({ field: 'capacity' })] },
      ],
      [await get('/owners/nobody'), 404, { ownerId: 'nobody' }],
      [
        await call('PUT', '/owners/olga', {
          payload: { name: 'Olga', teams: [], active: false },
          headers: { 'if-match': '"0"' },
        }),
        412,
        { ownerId: 'olga', expectedRevision: '0', currentRevision: '1' },
      ],
      [
        await call('PUT', '/owners/olga', {
          payload: { name: 'Olga', teams: [], active: false },
          headers: { 'idempotency-key': 'contract-owner' },
        }),
        422,
        { idempotencyKey: 'contract-owner', firstCommand: 'SetOwner' },
      ],
      [await get('/funnel?after=99999999999'), 503, { after: '99999999999', position: expect.any(String) }],
    ];
    expect(refusals.map(([reply]) => ({ status: reply.statusCode, body: reply.json() }))).toEqual(
      refusals.map(([, status, fields]) => ({ status, body: expect.objectContaining(fields) })),
    );
  });

  it('webhooks: subscribed, delivered, read, paused, resumed, redelivered and deleted', async () => {
    const hooks = await startReceiver(() => 200);
    try {
      const { webhook } = expectStatus<{ webhook: { webhookId: string } }>(
        await post('/webhooks', { url: hooks.url, events: ['LeadCaptured'] }),
        201,
      );
      const path = `/webhooks/${webhook.webhookId}`;
      await api.app.get(WebhookRunnerService).sync();
      await captured();
      await hooks.waitFor(1);
      let deliveryId = '';
      for (const deadline = Date.now() + 10_000; !deliveryId && Date.now() < deadline;) {
        const page = expectStatus<{ items: { deliveryId: string }[] }>(await get(`${path}/deliveries`), 200);
        deliveryId = page.items[0]?.deliveryId ?? '';
        if (!deliveryId) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expectStatus(await post(`${path}/deliveries/${deliveryId}/redeliver`), 200);
      expectStatus(await get('/webhooks'), 200);
      expectStatus(await get(path), 200);
      expectStatus(await post(`${path}/pause`), 200);
      expectStatus(await post(`${path}/resume`), 200);
      expectStatus(await call('DELETE', path), 200);
      expectStatus(await post(`${path}/pause`), 409);
    } finally {
      await hooks.close();
    }
  });

  // A new route fails here until a test above calls it: the document's every operation is walked.
  it('walked every operation of the document to a success, and met every kind of refusal', () => {
    const unwalked = contract
      .operationNames()
      .filter((name) => ![...(contract.seen.get(name) ?? [])].some((status) => status < 300));
    expect({ unwalked }).toEqual({ unwalked: [] });
    const statuses = new Set([...contract.seen.values()].flatMap((seen) => [...seen]));
    const kinds = [400, 401, 403, 404, 409, 412, 413, 415, 422, 503];
    expect(kinds.filter((status) => !statuses.has(status))).toEqual([]);
  });
});
