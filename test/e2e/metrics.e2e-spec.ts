import { MetricsPort } from '../../apps/api/src/metrics/metrics-port';
import { eventually } from '../projections/support/read-models';
import { capture, command, eventStoreOf, send, type Headers } from '../support/lead-api';
import { bodies, uniqueEmail } from '../support/lead-journeys';
import { putOwner, ownerBody } from '../support/owner-api';
import { freePort } from '../support/processes';
import { startTestApp, type TestApp } from '../support/test-app';

// /metrics as Prometheus scrapes it: behind admin or the metrics role on the API, without a token on the
// metrics port; counters that move by exactly the commands sent; each consumer's lag read from its
// checkpoint; and readiness that says degraded, still 200, when the policies fall behind.

jest.setTimeout(60_000);

/** The value of one series (`name{labels}` as prom-client writes it) in a scrape; 0 when absent. */
function valueOf(scrape: string, series: string): number {
  const line = scrape.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

async function scrape(test: TestApp, headers: Headers = test.auth): Promise<string> {
  const reply = await send(test.app, { method: 'GET', url: '/metrics', headers });
  expect(`${reply.statusCode} ${reply.headers['content-type']}`).toBe(
    '200 text/plain; version=0.0.4; charset=utf-8',
  );
  return reply.body;
}

const commands = (type: string, outcome: string) =>
  `leadger_commands_total{command="${type}",outcome="${outcome}"}`;
const lag = (unit: 'events' | 'seconds', kind: string, consumer: string) =>
  `leadger_consumer_lag_${unit}{kind="${kind}",consumer="${consumer}"}`;

interface Ready {
  status: string;
  info: { lag: { maxSeconds?: number; lagging?: { kind: string; consumer: string; seconds: number }[] } };
}

describe('with nothing consuming the log (projector and policies off in this process, no worker)', () => {
  let test: TestApp;
  let metricsPort: number;

  beforeAll(async () => {
    test = await startTestApp(undefined, {
      LEADGER_PROJECTOR: 'off',
      LEADGER_POLICIES_RUNNER: 'off',
      LEADGER_READY_MAX_LAG_SECONDS: '1',
      LEADGER_METRICS_PORT: String(await freePort()),
    });
    metricsPort = test.app.get(MetricsPort).port ?? 0;
  });
  afterAll(() => test.dispose());

  it('refuses /metrics without a token (401) and to a role that may not read it (403)', async () => {
    const anonymous = await send(test.app, {
      method: 'GET',
      url: '/metrics',
      headers: { authorization: undefined },
    });
    expect(anonymous.statusCode).toBe(401);
    const service = await send(test.app, {
      method: 'GET',
      url: '/metrics',
      headers: await test.keyFor('metrics-service', ['service']),
    });
    expect(service.statusCode).toBe(403);
    expect(service.json()).toMatchObject({ requiredRoles: ['admin', 'metrics'] });
  });

  it('serves /metrics as Prometheus text to the metrics role and to admins', async () => {
    for (const role of ['metrics', 'admin'] as const) {
      const text = await scrape(test, await test.keyFor(`metrics-${role}`, [role]));
      expect(text).toContain('# TYPE leadger_commands_total counter');
      expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    }
  });

  it('moves the command counters by exactly the commands sent: applied, replayed, refused, conflict', async () => {
    const before = await scrape(test);
    const once = { 'idempotency-key': 'metrics-capture-once' };
    const body = bodies.capture(uniqueEmail('metrics'));
    const captured = await capture(test.app, body, once);
    expect(captured.statusCode).toBe(201);
    const leadId = captured.json<{ leadId: string }>().leadId;
    expect((await capture(test.app, body, once)).json()).toMatchObject({ leadId, revision: '0' });
    expect((await command(test.app, leadId, 'accept')).statusCode).toBe(409);
    const stale = { 'if-match': '"7"' };
    expect((await command(test.app, leadId, 'disqualify', bodies.disqualify, stale)).statusCode).toBe(412);
    const after = await scrape(test);

    const moved = (series: string) => valueOf(after, series) - valueOf(before, series);
    expect({
      applied: moved(commands('CaptureLead', 'applied')),
      replayed: moved(commands('CaptureLead', 'replayed')),
      refused: moved(commands('AcceptLead', 'refused')),
      conflict: moved(commands('DisqualifyLead', 'conflict')),
      disqualified: moved(commands('DisqualifyLead', 'applied')),
      timed: moved('leadger_command_duration_seconds_count{command="CaptureLead"}'),
    }).toEqual({ applied: 1, replayed: 1, refused: 1, conflict: 1, disqualified: 0, timed: 2 });
    expect(valueOf(after, 'leadger_lead_cache_leads')).toBeGreaterThanOrEqual(1);
  });

  it("shows each consumer's lag: the log from its first lead event to the head, and how long that waited", async () => {
    await capture(test.app, bodies.capture(uniqueEmail('metrics-lag')));
    const store = eventStoreOf(test.app);
    const [first] = await store.readAll({ filter: { streamNamePrefixes: ['lead-'] }, maxCount: 1 });
    const head = await store.headPosition();
    const text = await scrape(test);
    // No checkpoint: every read model and the policies have the log from its first lead event ahead.
    const expected = Number(head - first.position + 1n);
    expect(valueOf(text, lag('events', 'read_model', 'funnel'))).toBe(expected);
    expect(valueOf(text, lag('events', 'read_model', 'lead-index'))).toBe(expected);
    expect(valueOf(text, lag('events', 'policies', 'policies'))).toBe(expected);
    const waited = (Date.now() - first.created.getTime()) / 1000;
    expect(valueOf(text, lag('seconds', 'policies', 'policies'))).toBeGreaterThan(0);
    expect(valueOf(text, lag('seconds', 'policies', 'policies'))).toBeLessThanOrEqual(waited);
  });

  it('answers ready with 200 but degraded, naming the policies, once they lag past the threshold', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const reply = await send(test.app, { method: 'GET', url: '/health/ready' });
    expect(reply.statusCode).toBe(200);
    const ready = reply.json<Ready>();
    expect(ready.status).toBe('degraded');
    expect(ready.info.lag.maxSeconds).toBe(1);
    expect(ready.info.lag.lagging?.map((l) => `${l.kind}/${l.consumer}`)).toEqual(['policies/policies']);
    expect(ready.info.lag.lagging?.[0].seconds).toBeGreaterThanOrEqual(1);
  });

  it('serves /metrics and /health/live on the metrics port without a token, and nothing else', async () => {
    const base = `http://127.0.0.1:${metricsPort}`;
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(valueOf(text, commands('AcceptLead', 'refused'))).toBe(1);
    expect(valueOf(text, lag('events', 'policies', 'policies'))).toBeGreaterThan(0);
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/leads`)).status).toBe(404);
  });
});

describe('with the projector and policies running in this process', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await startTestApp(undefined, { LEADGER_READY_MAX_LAG_SECONDS: '1' });
  });
  afterAll(() => test.dispose());

  it("counts the policies' effects, shows no lag once they caught up, and answers ready ok", async () => {
    expect((await putOwner(test.app, 'metrics-rep', ownerBody({ name: 'Rep' }))).statusCode).toBe(201);
    const leadId = (await capture(test.app, bodies.capture(uniqueEmail('metrics-routed')))).json<{
      leadId: string;
    }>().leadId;
    // An MQL: routing hands it to the only active owner, as a command of its own.
    expect((await command(test.app, leadId, 'mql', bodies.mql)).statusCode).toBe(200);
    const routed = 'leadger_policy_effects_total{policy="routing",outcome="applied"}';
    await eventually('the handoff by routing', async () => valueOf(await scrape(test), routed) === 1);
    await eventually('every consumer caught up', async () => {
      const text = await scrape(test);
      return ['policies/policies', 'read_model/funnel', 'read_model/handoffs'].every((id) => {
        const [kind, consumer] = id.split('/');
        return valueOf(text, lag('events', kind, consumer)) === 0;
      });
    });
    const text = await scrape(test);
    expect(valueOf(text, commands('HandOffLead', 'applied'))).toBe(1);
    expect(valueOf(text, lag('seconds', 'policies', 'policies'))).toBe(0);

    // Past the threshold too: a consumer caught up has no lag however old the log is.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const reply = await send(test.app, { method: 'GET', url: '/health/ready' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json<Ready>()).toMatchObject({
      status: 'ok',
      info: { lag: { maxSeconds: 1, lagging: [] } },
    });
  });
});
