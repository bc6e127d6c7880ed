import { capture, send, storedEventCount, type Headers } from '../../support/lead-api';
import { bodies, uniqueEmail } from '../../support/lead-journeys';
import { startTestApp, type TestApp } from '../../support/test-app';

// The HTTP edge: a per-caller rate limit, helmet's security headers, and CORS only where configured.

describe('with LEADGER_RATE_LIMIT_PER_MINUTE=5', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(undefined, { LEADGER_RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => test?.dispose());

  const funnel = (headers: Headers) => send(test.app, { method: 'GET', url: '/funnel', headers });

  it("answers one token's 6th request in a minute 429 (problem+json, Retry-After), appending nothing", async () => {
    const limited = await test.keyFor('busy-bot', ['service', 'marketing']);
    for (let i = 1; i <= 5; i++)
      expect({ i, status: (await funnel(limited)).statusCode }).toEqual({ i, status: 200 });
    const before = await storedEventCount(test.app);
    const sixth = await capture(test.app, bodies.capture(uniqueEmail('limited')), limited);
    expect({ status: sixth.statusCode, type: sixth.headers['content-type'], body: sixth.json() }).toEqual({
      status: 429,
      type: 'application/problem+json; charset=utf-8',
      body: expect.objectContaining({ status: 429, title: 'Too Many Requests', detail: expect.any(String) }),
    });
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(sixth.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(sixth.headers['x-request-id']).toEqual(expect.any(String)); // the refusal can be found in the log
    expect(await storedEventCount(test.app)).toBe(before);
  });

  it('does not limit another token meanwhile', async () => {
    const busy = await test.keyFor('busy-bot-2', ['marketing']);
    for (let i = 0; i < 6; i++) await funnel(busy);
    expect((await funnel(busy)).statusCode).toBe(429);
    const other = await test.keyFor('calm-bot', ['marketing']);
    for (let i = 1; i <= 5; i++)
      expect({ i, status: (await funnel(other)).statusCode }).toEqual({ i, status: 200 });
  });
});

describe('security headers and CORS', () => {
  let plain: TestApp;
  let withCors: TestApp;
  const origin = 'https://crm.example.com';
  beforeAll(async () => {
    plain = await startTestApp();
    withCors = await startTestApp(undefined, { LEADGER_CORS_ORIGINS: `${origin}, https://ops.example.com` });
  });
  afterAll(async () => {
    await plain?.dispose();
    await withCors?.dispose();
  });

  const securityHeaders = (headers: Record<string, unknown>) => ({
    csp: headers['content-security-policy'],
    nosniff: headers['x-content-type-options'],
    frames: headers['x-frame-options'],
  });
  const expected = {
    csp: expect.stringContaining("default-src 'self'"),
    nosniff: 'nosniff',
    frames: 'SAMEORIGIN',
  };

  it('puts a content security policy, X-Content-Type-Options and X-Frame-Options on /docs and on API answers', async () => {
    const docs = await send(plain.app, {
      method: 'GET',
      url: '/docs',
      headers: { authorization: undefined },
    });
    expect(docs.statusCode).toBe(200);
    expect(securityHeaders(docs.headers)).toEqual(expected);
    const answer = await send(plain.app, { method: 'GET', url: '/funnel', headers: plain.auth });
    expect(answer.statusCode).toBe(200);
    expect(securityHeaders(answer.headers)).toEqual(expected);
    const refusal = await send(plain.app, {
      method: 'GET',
      url: '/funnel',
      headers: { authorization: undefined },
    });
    expect(refusal.statusCode).toBe(401);
    expect(securityHeaders(refusal.headers)).toEqual(expected);
  });

  it('keeps CORS off by default: no Access-Control-Allow-Origin for a request with an Origin', async () => {
    const answer = await send(plain.app, {
      method: 'GET',
      url: '/funnel',
      headers: { ...plain.auth, origin },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await send(plain.app, {
      method: 'OPTIONS',
      url: '/leads',
      headers: { authorization: undefined, origin, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows the origins LEADGER_CORS_ORIGINS names, and only those', async () => {
    const answer = await send(withCors.app, {
      method: 'GET',
      url: '/funnel',
      headers: { ...withCors.auth, origin },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe(origin);
    // A browser client can read the request id, to quote it when reporting a problem.
    expect(String(answer.headers['access-control-expose-headers'])).toContain('X-Request-Id');
    const preflight = await send(withCors.app, {
      method: 'OPTIONS',
      url: '/leads',
      headers: {
        authorization: undefined,
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.statusCode).toBeLessThan(300);
    expect(preflight.headers['access-control-allow-origin']).toBe(origin);
    expect(String(preflight.headers['access-control-allow-methods'])).toContain('POST');
    const stranger = await send(withCors.app, {
      method: 'GET',
      url: '/funnel',
      headers: { ...withCors.auth, origin: 'https://evil.example.com' },
    });
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
  });
});
