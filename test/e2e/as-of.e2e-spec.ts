import { capture, command, type Reply } from '../support/lead-api';
import { bodies, uniqueEmail } from '../support/lead-journeys';
import { startTestApp, type TestApp } from '../support/test-app';

// `GET /funnel?asOf=` and `GET /pipeline?asOf=`: the read model as it stood at a past moment, replayed
// from the log by business time (occurredAt, default) or by when the store took each event (by=recorded).

let api: TestApp;
const source = `as-of-${process.pid}`;

beforeAll(async () => {
  api = await startTestApp();
  // A backfill: three leads captured in January, February and March 2025, one of them qualified and won.
  const leads: string[] = [];
  for (const day of ['2025-01-10', '2025-02-10', '2025-03-10']) {
    const reply = await capture(api.app, {
      ...bodies.capture(uniqueEmail('as-of')),
      source,
      occurredAt: `${day}T09:00:00Z`,
    });
    expect(reply.statusCode).toBe(201);
    leads.push(reply.json<{ leadId: string }>().leadId);
  }
  const at = (day: string) => ({ occurredAt: `${day}T10:00:00Z` });
  for (const [action, body, day] of [
    ['mql', bodies.mql, '2025-02-20'],
    ['handoff', bodies.handoff, '2025-02-21'],
    ['accept', {}, '2025-02-22'],
    ['qualify', bodies.qualify, '2025-03-01'],
    ['won', {}, '2025-04-01'],
  ] as const) {
    expect((await command(api.app, leads[0], action, { ...body, ...at(day) })).statusCode).toBe(200);
  }
}, 30_000);

afterAll(() => api.dispose());

const get = (url: string) => api.app.inject({ method: 'GET', url, headers: api.auth });
const ok = <T>(reply: Reply): T => {
  expect({ status: reply.statusCode, body: reply.body }).toMatchObject({ status: 200 });
  return reply.json<T>();
};

interface Funnel {
  readonly asOf: string;
  readonly by: string;
  readonly total: { reached: Record<string, number> };
}

describe('GET /funnel?asOf=', () => {
  it('counts only what had happened by then', async () => {
    const feb = ok<Funnel>(await get(`/funnel?source=${source}&asOf=2025-02-15`));
    expect(feb).toMatchObject({ asOf: '2025-02-15T00:00:00.000Z', by: 'occurredAt' });
    expect(feb.total.reached).toEqual({ lead: 2, mql: 0, sal: 0, sql: 0, won: 0 });
    const march = ok<Funnel>(await get(`/funnel?source=${source}&asOf=2025-03-05T00:00:00Z`));
    expect(march.total.reached).toEqual({ lead: 2, mql: 1, sal: 1, sql: 1, won: 0 });
    const may = ok<Funnel>(await get(`/funnel?source=${source}&asOf=2025-05-01&groupBy=cohort`));
    expect(may.total.reached).toEqual({ lead: 3, mql: 1, sal: 1, sql: 1, won: 1 });
  });

  it('by=recorded counts what the store had taken by then: this backfill was recorded today', async () => {
    const recorded = ok<Funnel>(await get(`/funnel?source=${source}&asOf=2025-05-01&by=recorded`));
    expect(recorded).toMatchObject({ by: 'recordedAt', total: { reached: { lead: 0 } } });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const now = ok<Funnel>(
      await get(`/funnel?source=${source}&asOf=${encodeURIComponent(tomorrow)}&by=recorded`),
    );
    expect(now.total.reached.lead).toBe(3);
  });

  it('refuses a moment that is not one, naming the field', async () => {
    for (const asOf of ['yesterday', '2025-02-30', '2025-02-15T10:00:00']) {
      const reply = await get(`/funnel?asOf=${asOf}`);
      expect({ asOf, status: reply.statusCode }).toEqual({ asOf, status: 400 });
      expect(reply.json<{ errors: { field: string }[] }>().errors[0].field).toBe('asOf');
    }
    const by = await get('/funnel?asOf=2025-01-01&by=someday');
    expect(by.statusCode).toBe(400);
  });
});

describe('GET /pipeline?asOf=', () => {
  it('shows the deal open in March and won in April', async () => {
    type Pipeline = {
      open: { byOwner: { owner: string; count: number }[] };
      closed: { won: { count: number } };
    };
    const owner = bodies.handoff.toOwner;
    const march = ok<Pipeline>(await get(`/pipeline?owner=${owner}&asOf=2025-03-15&closedFrom=2025-01-01`));
    expect(march.open.byOwner.find((o) => o.owner === owner)?.count).toBe(1);
    expect(march.closed.won.count).toBe(0);
    const may = ok<Pipeline>(
      await get(`/pipeline?owner=${owner}&asOf=2025-05-01&closedFrom=2025-01-01&closedTo=2025-12-31`),
    );
    expect(may.open.byOwner.find((o) => o.owner === owner)).toBeUndefined();
    expect(may.closed.won.count).toBe(1);
  });
});
