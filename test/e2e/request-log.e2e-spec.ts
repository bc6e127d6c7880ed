import type { EventStore } from '@leadger/event-store';
import { EVENT_STORE } from '../../apps/api/src/event-store/event-store.module';
import { capturedLog, type CapturedLog, type LogLine } from '../support/captured-log';
import { capture, command, send, type Reply } from '../support/lead-api';
import { startTestApp, type TestApp } from '../support/test-app';

// The API's log as an operator reads it: JSON lines only (Nest's own, the projector's, one per request),
// each request's line naming its route pattern, status, duration, ids and caller, and never a token or a
// lead's personal data; LOG_LEVEL=warn keeps the request lines of answered requests out.

jest.setTimeout(60_000);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const ann = {
  email: 'ann.logged@example.com',
  firstName: 'Annabelle',
  lastName: 'Loggins',
  company: 'Quietcorp',
  source: 'webinar',
};

/** The onResponse hook runs once the answer is out, which may be just after `inject` resolves. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

const requestLines = (log: CapturedLog): LogLine[] =>
  log.lines().filter((line) => line.msg === 'request completed');

describe('request log lines at LOG_LEVEL=info', () => {
  const log = capturedLog();
  let api: TestApp;
  let token: string;
  let readerToken: string;
  const replies: Reply[] = [];
  let leadId: string;

  beforeAll(async () => {
    api = await startTestApp(undefined, { LOG_LEVEL: 'info', LEADGER_READ_WAIT_MS: '0' }, undefined, log);
    token = api.auth.authorization.replace('Bearer ', '');
    const reader = await api.keyFor('reader', ['analyst']);
    readerToken = reader.authorization.replace('Bearer ', '');
    const captured = await capture(api.app, ann, {
      'x-request-id': 'crm-req-0001',
      'x-correlation-id': 'crm-sync-7',
    });
    expect(captured.statusCode).toBe(201);
    leadId = captured.json<{ leadId: string }>().leadId;
    replies.push(
      captured,
      await command(api.app, leadId, 'engagements', { kind: 'meeting', scoreDelta: 5 }),
      await send(api.app, { method: 'GET', url: `/leads?email=${encodeURIComponent(ann.email)}` }),
      // An email typed where the lead id goes: refused, and not logged as a lead id.
      await send(api.app, { method: 'GET', url: `/leads/${encodeURIComponent(ann.email)}` }),
      await send(api.app, { method: 'GET', url: '/funnel', headers: { authorization: 'Bearer not-a-key' } }),
      await send(api.app, { method: 'GET', url: '/no-such-route', headers: { 'x-request-id': 'two words' } }),
      // An analyst may not capture: the line names who was refused.
      await capture(api.app, { ...ann, email: 'refused@example.com' }, reader),
    );
    await settled();
  });

  afterAll(() => api.dispose());

  it('writes nothing but JSON lines: Nest, the projector and the requests alike', () => {
    const lines = log.lines(); // throws on any line that is not JSON
    expect(lines.every((line) => line.name === 'api' && typeof line.level === 'string')).toBe(true);
    expect(lines).toContainEqual(
      expect.objectContaining({ context: 'NestApplication', msg: 'Nest application successfully started' }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ context: 'Projector', level: 'info' }));
  });

  it('writes one line per request, with the request id it echoes in X-Request-Id', () => {
    const ids = replies.map((reply) => reply.headers['x-request-id']);
    expect(ids[0]).toBe('crm-req-0001'); // a sane incoming id is kept
    expect(ids[5]).toMatch(UUID); // one with a space in it is replaced
    expect(new Set(ids).size).toBe(replies.length);
    expect(requestLines(log).map((line) => line.requestId)).toEqual(ids);
  });

  it('names the route pattern, status, duration, correlation id, lead id and principal', () => {
    const fields = requestLines(log).map(
      ({ level, method, route, status, correlationId, principal, ...rest }) => ({
        level,
        method,
        route,
        status,
        correlationId,
        principal,
        leadId: rest.leadId,
      }),
    );
    expect(fields).toEqual([
      {
        level: 'info',
        method: 'POST',
        route: '/leads',
        status: 201,
        correlationId: 'crm-sync-7',
        principal: 'e2e',
        leadId: undefined,
      },
      {
        level: 'info',
        method: 'POST',
        route: '/leads/:leadId/engagements',
        status: 200,
        correlationId: undefined,
        principal: 'e2e',
        leadId,
      },
      {
        level: 'info',
        method: 'GET',
        route: '/leads',
        status: 200,
        correlationId: undefined,
        principal: 'e2e',
        leadId: undefined,
      },
      {
        level: 'info', // a client's mistake, not the server's
        method: 'GET',
        route: '/leads/:leadId',
        status: 400,
        correlationId: undefined,
        principal: 'e2e',
        leadId: undefined,
      },
      {
        level: 'info',
        method: 'GET',
        route: '/funnel',
        status: 401,
        correlationId: undefined,
        principal: undefined,
        leadId: undefined,
      },
      {
        level: 'info',
        method: 'GET',
        route: undefined, // no route matched
        status: 404,
        correlationId: undefined,
        principal: undefined,
        leadId: undefined,
      },
      {
        level: 'info',
        method: 'POST',
        route: '/leads',
        status: 403,
        correlationId: undefined,
        principal: 'reader',
        leadId: undefined,
      },
    ]);
    for (const line of requestLines(log)) expect(line.durationMs).toEqual(expect.any(Number));
  });

  it('logs neither a token, nor an Authorization header, nor the lead’s personal data', () => {
    const text = log.text();
    const tokens = [token, readerToken, 'not-a-key', 'authorization', 'Bearer'];
    const personal = [ann.email, 'refused@example.com', ann.firstName, ann.lastName, ann.company];
    for (const secret of [...tokens, ...personal])
      expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
    expect(text).not.toContain(encodeURIComponent(ann.email));
  });

  it('logs an outage (503) at warn with its message, and a bug (500) at error with its stack', async () => {
    const behind = await send(api.app, { method: 'GET', url: '/funnel?after=99999999999' });
    expect(behind.statusCode).toBe(503);
    // A fault no code path expects: the store's append throws a TypeError.
    const store = api.app.get<EventStore>(EVENT_STORE);
    const append = store.appendToStream.bind(store);
    store.appendToStream = () =>
      Promise.reject(new TypeError("Cannot read properties of undefined (reading 'x')"));
    let bug: Reply;
    try {
      bug = await command(api.app, leadId, 'engagements', { kind: 'meeting', scoreDelta: 1 });
    } finally {
      store.appendToStream = append;
    }
    expect(bug.statusCode).toBe(500);
    await settled();

    const [outage, failure] = requestLines(log).slice(-2);
    expect(outage).toMatchObject({ level: 'warn', route: '/funnel', status: 503, error: expect.any(String) });
    expect(outage).not.toHaveProperty('err');
    expect(failure).toMatchObject({
      level: 'error',
      route: '/leads/:leadId/engagements',
      status: 500,
      leadId,
      principal: 'e2e',
      err: {
        type: 'TypeError',
        message: "Cannot read properties of undefined (reading 'x')",
        stack: expect.stringContaining('TypeError'),
      },
    });
  });
});

describe('request log lines at LOG_LEVEL=warn', () => {
  const log = capturedLog();
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp(undefined, { LOG_LEVEL: 'warn' }, undefined, log);
  });

  afterAll(() => api.dispose());

  it('drops the request lines, which are info', async () => {
    const replies = [
      await capture(api.app, { ...ann, email: 'warn.level@example.com' }),
      await send(api.app, { method: 'GET', url: '/funnel' }),
      await send(api.app, { method: 'GET', url: '/no-such-route' }),
    ];
    expect(replies.map((reply) => reply.statusCode)).toEqual([201, 200, 404]);
    await settled();
    expect(requestLines(log)).toEqual([]);
    expect(log.lines().filter((line) => line.level === 'info' || line.level === 'debug')).toEqual([]);
  });
});
