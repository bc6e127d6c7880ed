import { LeadgerMetrics } from './leadger-metrics';
import { serveMetrics, type MetricsServer } from './metrics-server';

// The metrics port as a scraper meets it: a real server on a free port of the loopback, no token.

let metrics: LeadgerMetrics;
let server: MetricsServer;
let base: string;

beforeAll(async () => {
  metrics = new LeadgerMetrics();
  server = await serveMetrics(metrics, '127.0.0.1', 0);
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server.close());

describe('serveMetrics', () => {
  it('serves /metrics as Prometheus text without a token', async () => {
    metrics.commands.handled('CaptureLead', 'applied', 0.01);
    const reply = await fetch(`${base}/metrics`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe(metrics.contentType);
    expect(await reply.text()).toContain('leadger_commands_total{command="CaptureLead",outcome="applied"} 1');
  });

  it('answers /health/live', async () => {
    const reply = await fetch(`${base}/health/live`);
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ status: 'ok' });
  });

  it('serves nothing else: 404 for another path, 405 for another method', async () => {
    expect((await fetch(`${base}/leads`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
  });
});
