import { capture, command } from '../support/lead-api';
import { bodies, uniqueEmail } from '../support/lead-journeys';
import { ownerBody, putOwner } from '../support/owner-api';
import { freePort, startServer, stopProgram, WORKER_MAIN, type Program } from '../support/processes';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../projections/support/read-models';

// The worker serves no HTTP but its metrics port: there its policies' effects, its commands and every
// consumer's lag are scraped, without a token. The API here runs neither projector nor policies; the worker,
// a real process on the same data dir, does both.

jest.setTimeout(90_000);

let api: TestApp;
let worker: Program | undefined;
let base: string;

beforeAll(async () => {
  api = await startTestApp(undefined, { LEADGER_PROJECTOR: 'off', LEADGER_POLICIES_RUNNER: 'off' });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env = { LEADGER_DATA_DIR: api.dataDir, LOG_LEVEL: 'error', LEADGER_METRICS_PORT: String(port) };
  worker = await startServer(WORKER_MAIN, port, env, '/health/live');
});
afterAll(async () => {
  if (worker) await stopProgram(worker);
  await api.dispose();
});

/** The value of one series in a scrape of the worker's metrics port; 0 when absent. */
async function workerValue(series: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

describe("the worker's metrics port", () => {
  it("shows the worker's policy effects, their commands and the consumers caught up", async () => {
    expect((await putOwner(api.app, 'worker-rep', ownerBody({ name: 'Rep' }))).statusCode).toBe(201);
    const leadId = (await capture(api.app, bodies.capture(uniqueEmail('worker-metrics')))).json<{
      leadId: string;
    }>().leadId;
    expect((await command(api.app, leadId, 'mql', bodies.mql)).statusCode).toBe(200);

    const routed = 'leadger_policy_effects_total{policy="routing",outcome="applied"}';
    await eventually('the worker routing the MQL', async () => (await workerValue(routed)) === 1, 30_000);
    expect(await workerValue('leadger_commands_total{command="HandOffLead",outcome="applied"}')).toBe(1);
    // The API's commands are the API's: the worker counts only its own.
    expect(await workerValue('leadger_commands_total{command="CaptureLead",outcome="applied"}')).toBe(0);
    await eventually(
      'the worker caught up',
      async () =>
        (await workerValue('leadger_consumer_lag_events{kind="policies",consumer="policies"}')) === 0 &&
        (await workerValue('leadger_consumer_lag_events{kind="read_model",consumer="funnel"}')) === 0,
      30_000,
    );
  });

  it('answers /health/live without a token', async () => {
    const reply = await fetch(`${base}/health/live`);
    expect(reply.status).toBe(200);
  });
});
