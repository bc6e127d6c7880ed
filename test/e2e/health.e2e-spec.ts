import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startApi, stopProgram, type Program } from '../support/processes';
import { DATABASE_URL, dropSchema, tempSchema } from '../support/temp-postgres';
import { startTestApp, type TestApp } from '../support/test-app';

// Liveness says the process answers; readiness says every store and the projector do, and names what does
// not. A store that is down when the API starts must neither hang nor crash it: it comes up, live, and
// answers not-ready until the store is back.

jest.setTimeout(90_000);

describe('GET /health/live, /health/ready and /health, all up', () => {
  let test: TestApp;
  beforeAll(async () => (test = await startTestApp()));
  afterAll(() => test.dispose());

  it('answers live with 200', async () => {
    const reply = await test.app.inject({ method: 'GET', url: '/health/live' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ status: 'ok' });
  });

  it.each(['/health/ready', '/health'])(
    'answers %s with 200 and both stores and the projector',
    async (url) => {
      const reply = await test.app.inject({ method: 'GET', url });
      expect(reply.statusCode).toBe(200);
      expect(reply.json()).toMatchObject({
        status: 'ok',
        info: {
          eventStore: { status: 'up', kind: 'sqlite' },
          readStore: { status: 'up', kind: 'sqlite' },
          projector: { status: 'up' },
        },
      });
    },
  );
});

describe('GET /health/ready on the PostgreSQL event store', () => {
  const schema = tempSchema('e2e_health');
  let test: TestApp;
  beforeAll(
    async () =>
      (test = await startTestApp(undefined, {
        LEADGER_EVENTSTORE: 'postgres',
        DATABASE_URL,
        LEADGER_PG_SCHEMA: schema,
      })),
  );
  afterAll(async () => {
    await test?.dispose();
    await dropSchema(schema);
  });

  it('names the store postgres, up', async () => {
    const reply = await test.app.inject({ method: 'GET', url: '/health/ready' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ info: { eventStore: { status: 'up', kind: 'postgres' } } });
  });
});

/** The API as `npm start` runs it, in a child process, with one store pointed at a port nobody listens on. */
describe.each([
  ['Redis', 'readStore', 'redis', (port: number) => ({ REDIS_URL: `redis://127.0.0.1:${port}` })],
  [
    'EventStoreDB',
    'eventStore',
    'eventstoredb',
    (port: number) => ({ EVENTSTORE_URL: `esdb://127.0.0.1:${port}?tls=false` }),
  ],
  [
    'PostgreSQL',
    'eventStore',
    'postgres',
    (port: number) => ({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/test` }),
  ],
])('the API started while %s is down', (_store, component, kind, env) => {
  let api: Program;
  let port: number;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'leadger-health-'));
    port = await freePort();
    // Comes up and answers live: starting did not hang or crash on the missing store.
    api = await startApi(
      port,
      { LEADGER_DATA_DIR: dataDir, LOG_LEVEL: 'error', ...env(await freePort()) },
      '/health/live',
    );
  });
  afterAll(async () => {
    if (api) await stopProgram(api);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(['/health/ready', '/health'])(`answers %s with 503 naming the store`, async (path) => {
    const started = Date.now();
    const reply = await fetch(`http://127.0.0.1:${port}${path}`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(reply.status).toBe(503);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await reply.json()) as { status: string; error: Record<string, unknown> };
    expect(body.status).toBe('error');
    expect(body.error[component]).toMatchObject({
      status: 'down',
      kind,
      message: expect.stringMatching(/ECONNREFUSED/),
    });
  });

  it('still answers live with 200', async () => {
    const reply = await fetch(`http://127.0.0.1:${port}/health/live`);
    expect(reply.status).toBe(200);
  });

  it('stops promptly on SIGTERM', async () => {
    const started = Date.now();
    api.child.kill('SIGTERM');
    const deadline = new Promise<'hung'>((done) => setTimeout(() => done('hung'), 15_000).unref());
    // Nest runs its shutdown hooks (projector, stores), then raises SIGTERM again to end the process.
    expect(await Promise.race([api.exited, deadline])).toEqual({ code: null, signal: 'SIGTERM' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
