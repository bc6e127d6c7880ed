import { capture, command, type Answer, type Reply } from '../support/lead-api';
import { bodies, leadAt, minutesAfter, uniqueEmail } from '../support/lead-journeys';
import { startTestApp, type TestApp } from '../support/test-app';

// The read-model endpoints over the in-process projector: each answer reflects the `?after=` position a
// command returned, and bad parameters are refused by name.

let api: TestApp;

beforeAll(async () => {
  api = await startTestApp(undefined, { LEADGER_READ_WAIT_MS: '3000' });
});

afterAll(() => api.dispose());

const get = (url: string) => api.app.inject({ method: 'GET', url, headers: api.auth });
const ok = <T>(reply: Reply): T => {
  expect({ status: reply.statusCode, body: reply.body }).toMatchObject({ status: 200 });
  return reply.json<T>();
};
const positionOf = (reply: Reply) => reply.json<Answer>().position;

describe('read your writes with ?after=', () => {
  it('a captured lead is in the funnel of the query that names its position', async () => {
    const reply = await capture(api.app, { ...bodies.capture(uniqueEmail('funnel')), source: 'ryw-source' });
    expect(reply.statusCode).toBe(201);
    const answer = ok<{ position: string; total: { reached: { lead: number } } }>(
      await get(`/funnel?source=ryw-source&after=${positionOf(reply)}`),
    );
    expect(answer.total.reached.lead).toBe(1);
    expect(BigInt(answer.position)).toBeGreaterThanOrEqual(BigInt(positionOf(reply)));
  });

  it('a qualified lead is an open opportunity in the pipeline of its owner', async () => {
    const leadId = await leadAt(api.app, 'sal');
    const qualified = await command(api.app, leadId, 'qualify', bodies.qualify);
    expect(qualified.statusCode).toBe(200);
    const answer = ok<{ open: { byOwner: { owner: string; count: number; amount: number }[] } }>(
      await get(`/pipeline?owner=${bodies.handoff.toOwner}&after=${positionOf(qualified)}`),
    );
    const owner = answer.open.byOwner.find((row) => row.owner === bodies.handoff.toOwner);
    expect(owner?.count).toBeGreaterThanOrEqual(1);
    expect(owner?.amount).toBeGreaterThanOrEqual(bodies.qualify.amount);
  });

  it('a deal lost, reopened and won counts once, as won, live and as of any moment between', async () => {
    const owner = `reopener-${process.pid}`;
    const day = (n: number) => `2026-02-${String(n).padStart(2, '0')}T09:00:00Z`;
    const reply = await capture(api.app, { ...bodies.capture(uniqueEmail('reopen')), occurredAt: day(1) });
    const { leadId } = reply.json<Answer>();
    let last = reply;
    for (const [action, body, n] of [
      ['mql', bodies.mql, 2],
      ['handoff', { toOwner: owner }, 3],
      ['accept', {}, 4],
      ['qualify', bodies.qualify, 5],
      ['lost', { reason: 'pricing', recycle: false }, 6],
      ['reopen', {}, 7],
      ['won', {}, 8],
    ] as const) {
      last = await command(api.app, leadId, action, { ...body, occurredAt: day(n) });
      expect({ action, status: last.statusCode }).toEqual({ action, status: 200 });
    }
    type Closed = {
      won: { count: number };
      lost: { count: number };
      reopened: { count: number };
      winRate: number | null;
    };
    const closed = async (query: string) =>
      ok<{ closed: Closed; open: { total: { count: number } } }>(
        await get(`/pipeline?owner=${owner}&${query}`),
      );
    const live = await closed(`after=${positionOf(last)}`);
    expect(live.closed).toMatchObject({
      won: { count: 1 },
      lost: { count: 0 },
      reopened: { count: 1 },
      winRate: 1,
    });
    const afterLoss = await closed('asOf=2026-02-06T12:00:00Z');
    expect(afterLoss.closed).toMatchObject({
      won: { count: 0 },
      lost: { count: 1 },
      reopened: { count: 0 },
      winRate: 0,
    });
    const afterReopen = await closed('asOf=2026-02-07T12:00:00Z');
    expect(afterReopen.closed).toMatchObject({
      won: { count: 0 },
      lost: { count: 0 },
      reopened: { count: 1 },
      winRate: null,
    });
    expect(afterReopen.open.total.count).toBe(1);
    expect((await closed('asOf=2026-02-09T00:00:00Z')).closed).toEqual(live.closed);
  });

  it('a handoff is in the ledger as pending, then accepted, and counted in the summary', async () => {
    const leadId = await leadAt(api.app, 'handedOff');
    const accepted = await command(api.app, leadId, 'accept');
    const ledger = ok<{ items: { leadId: string; decision: string; to: string }[] }>(
      await get(`/handoffs?owner=${bodies.handoff.toOwner}&status=accepted&after=${positionOf(accepted)}`),
    );
    expect(ledger.items.find((item) => item.leadId === leadId)).toMatchObject({ decision: 'accepted' });
    const summary = ok<{ owners: { owner: string; accepted: number }[] }>(
      await get(`/handoffs/summary?after=${positionOf(accepted)}`),
    );
    expect(summary.owners.find((o) => o.owner === bodies.handoff.toOwner)?.accepted).toBeGreaterThanOrEqual(
      1,
    );
  });

  it('a rejected lead waits in nurture; once due, one consumer claims it and another does not', async () => {
    const anHourAgo = new Date(Date.now() - 3_600_000);
    const leadId = await leadAt(api.app, 'handedOff', undefined, anHourAgo);
    const revisitAt = new Date(Date.now() - 60_000).toISOString();
    const occurredAt = minutesAfter(anHourAgo, 10);
    const rejected = await command(api.app, leadId, 'reject', { ...bodies.reject, occurredAt, revisitAt });
    expect(rejected.statusCode).toBe(200);
    const after = positionOf(rejected);
    const due = ok<{ items: { leadId: string; origin: string; reason: string }[] }>(
      await get(`/nurture?due=true&limit=500&after=${after}`),
    );
    expect(due.items.find((item) => item.leadId === leadId)).toMatchObject({
      origin: 'rejected',
      reason: bodies.reject.reason,
    });
    const claim = (consumer: string) =>
      api.app.inject({
        method: 'POST',
        url: `/nurture/claim?after=${after}`,
        payload: { consumer, limit: 500, leaseMs: 60_000 },
        headers: api.auth,
      });
    const first = ok<{ items: { leadId: string; claimedBy: string }[] }>(await claim('bot-a'));
    expect(first.items.find((item) => item.leadId === leadId)).toMatchObject({ claimedBy: 'bot-a' });
    const second = ok<{ items: { leadId: string }[] }>(await claim('bot-b'));
    expect(second.items.map((item) => item.leadId)).not.toContain(leadId);
  });
});

describe('refusals', () => {
  it.each([
    ['/funnel?groupBy=owner', 'groupBy'],
    ['/funnel?capturedFrom=2026-02-30', 'capturedFrom'],
    ['/funnel?capturedFrom=yesterday', 'capturedFrom'],
    ['/funnel?capturedFrom=2026-03-01&capturedTo=2026-02-01', 'capturedTo'],
    ['/funnel?colour=blue', 'colour'],
    ['/pipeline?closedTo=31-12-2026', 'closedTo'],
    ['/nurture?due=maybe', 'due'],
    ['/nurture?limit=0', 'limit'],
    ['/nurture?limit=ten', 'limit'],
    ['/nurture?cursor=not-ours', 'cursor'],
    ['/handoffs?status=lost', 'status'],
    ['/handoffs?breached=yes', 'breached'],
    ['/handoffs/summary?after=-1', 'after'],
    ['/funnel?after=12abc', 'after'],
  ])('GET %s is a 400 naming %s', async (url, field) => {
    const reply = await get(url);
    expect(reply.statusCode).toBe(400);
    expect(reply.headers['content-type']).toContain('application/problem+json');
    expect(reply.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain(field);
  });

  it('POST /nurture/claim without a consumer is a 400 naming it', async () => {
    const reply = await api.app.inject({
      method: 'POST',
      url: '/nurture/claim',
      payload: { limit: 5 },
      headers: api.auth,
    });
    expect(reply.statusCode).toBe(400);
    expect(reply.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain('consumer');
  });

  it('a position the read model has not reached in time is a 503 with Retry-After and where it stands', async () => {
    const app = await startTestApp(undefined, { LEADGER_READ_WAIT_MS: '50' });
    try {
      const reply = await app.app.inject({
        method: 'GET',
        url: '/funnel?after=99999999999',
        headers: app.auth,
      });
      expect(reply.statusCode).toBe(503);
      expect(reply.headers['retry-after']).toBe('1');
      expect(reply.json()).toMatchObject({ after: '99999999999', title: 'Read model behind' });
    } finally {
      await app.dispose();
    }
  });
});

describe('GET /health', () => {
  it('reports both stores and the inline projector', async () => {
    const reply = await get('/health');
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({
      info: {
        eventStore: { status: 'up', kind: 'sqlite' },
        readStore: { status: 'up', kind: 'sqlite' },
        projector: { status: 'up' },
      },
    });
  });
});
