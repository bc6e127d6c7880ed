import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@leadger/config';
import { oidcRefusals, rolesFor } from '@leadger/identity';
import type { JWTPayload } from 'jose';
import { createApp } from '../../../apps/api/src/create-app';
import {
  signedToken,
  testKey,
  TestJwksServer,
  type TestKey,
} from '../../../libs/identity/src/testing/test-identity-provider';
import {
  capture,
  getHistory,
  storedEventCount,
  type LeadHistoryPage,
  type Reply,
} from '../../support/lead-api';
import { bodies, uniqueEmail } from '../../support/lead-journeys';
import { startTestApp, type TestApp } from '../../support/test-app';

// The API with OIDC set up against a real JWKS server on loopback: tokens signed by the test identity
// provider's keys, sent over HTTP, beside the API keys.

const issuer = 'https://id.example.com/realms/acme';
const audience = 'leadger-api';

let provider: TestJwksServer;
let signing: TestKey, rogue: TestKey;
let test: TestApp;

beforeAll(async () => {
  [signing, rogue] = await Promise.all([testKey('acme-1'), testKey('rogue-1')]);
  provider = await TestJwksServer.start([signing]);
  test = await startTestApp(undefined, {
    LEADGER_OIDC_ISSUER: issuer,
    LEADGER_OIDC_AUDIENCE: audience,
    LEADGER_OIDC_JWKS_URL: provider.url,
  });
});
afterAll(async () => {
  await test?.dispose();
  await provider?.stop();
});

const seconds = () => Math.floor(Date.now() / 1000);

/** Claims of a valid token for `crm-sync`, a service that also does marketing, with `extra` on top. */
const claims = (extra: JWTPayload = {}): JWTPayload => ({
  iss: issuer,
  aud: audience,
  sub: 'crm-sync',
  iat: seconds() - 10,
  exp: seconds() + 300,
  roles: ['service', 'marketing'],
  ...extra,
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Captures a new lead with `headers`, counting the lead events appended meanwhile. */
async function captureCounting(headers: Record<string, string>): Promise<{ reply: Reply; appended: number }> {
  const before = await storedEventCount(test.app);
  const reply = await capture(test.app, bodies.capture(uniqueEmail('oidc')), headers);
  return { reply, appended: (await storedEventCount(test.app)) - before };
}

/** The 401 a refused token gets: problem+json, `WWW-Authenticate: Bearer`, the reason, nothing appended. */
async function expectUnauthenticated(token: string, reason: string): Promise<void> {
  const { reply, appended } = await captureCounting(bearer(token));
  expect({
    status: reply.statusCode,
    type: reply.headers['content-type'],
    challenge: reply.headers['www-authenticate'],
    body: reply.json(),
    appended,
  }).toEqual({
    status: 401,
    type: 'application/problem+json; charset=utf-8',
    challenge: 'Bearer',
    body: expect.objectContaining({ status: 401, title: 'Unauthenticated', detail: reason }),
    appended: 0,
  });
}

describe('the API with OIDC set up', () => {
  it("captures a lead with a valid JWT (roles service, marketing): the event's actor is the token's sub", async () => {
    const token = await signedToken(signing, claims());
    const { reply, appended } = await captureCounting(bearer(token));
    expect(reply.statusCode).toBe(201);
    expect(appended).toBe(1);
    const history = await getHistory(test.app, reply.json<{ leadId: string }>().leadId, '', bearer(token));
    expect(history.statusCode).toBe(200);
    const [captured] = history.json<LeadHistoryPage>().events;
    expect({ type: captured.type, actor: captured.metadata.actor }).toEqual({
      type: 'LeadCaptured',
      actor: 'crm-sync',
    });
  });

  it('refuses an expired token: 401 "token expired"', async () => {
    // Past the 60 s of clock tolerance.
    const token = await signedToken(signing, claims({ iat: seconds() - 900, exp: seconds() - 300 }));
    await expectUnauthenticated(token, oidcRefusals.expired);
  });

  it('refuses a token for another audience: 401 "token audience is not accepted"', async () => {
    await expectUnauthenticated(
      await signedToken(signing, claims({ aud: 'another-api' })),
      oidcRefusals.audience,
    );
  });

  it('refuses a token from another issuer: 401 "token issuer is not trusted"', async () => {
    const token = await signedToken(signing, claims({ iss: 'https://id.example.com/realms/other' }));
    await expectUnauthenticated(token, oidcRefusals.issuer);
  });

  it('refuses a token signed by a key the provider does not publish, under its own kid or a published one', async () => {
    await expectUnauthenticated(await signedToken(rogue, claims()), oidcRefusals.unknownKey);
    const forged = await signedToken(rogue, claims(), { header: { kid: signing.kid } });
    await expectUnauthenticated(forged, oidcRefusals.signature);
  });

  it('refuses a token that is no JWT at all: 401', async () => {
    await expectUnauthenticated('not-a-jwt', oidcRefusals.malformed);
  });

  it('answers a valid token with no known role 403, naming the roles CaptureLead takes; nothing appended', async () => {
    const token = await signedToken(signing, claims({ roles: ['superuser', 'Admin'] }));
    const { reply, appended } = await captureCounting(bearer(token));
    expect({
      status: reply.statusCode,
      type: reply.headers['content-type'],
      body: reply.json(),
      appended,
    }).toEqual({
      status: 403,
      type: 'application/problem+json; charset=utf-8',
      body: expect.objectContaining({
        status: 403,
        operation: 'CaptureLead',
        requiredRoles: rolesFor('CaptureLead'),
      }),
      appended: 0,
    });
  });

  it('still takes API keys beside OIDC', async () => {
    const { reply, appended } = await captureCounting(test.auth);
    expect({ status: reply.statusCode, appended }).toEqual({ status: 201, appended: 1 });
  });
});

describe('bad OIDC settings', () => {
  it('refuse to start: createApp throws a ConfigError naming LEADGER_OIDC_JWKS_URL (an issuer without keys)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'leadger-e2e-oidc-'));
    // Nest exits or aborts the process on an error while it builds the app unless told otherwise: turn
    // both into exceptions, so such a start fails this test instead of killing the test process.
    const exit = jest.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`process.exit(${String(code)}) was called instead of throwing`);
    });
    const abort = jest.spyOn(process, 'abort').mockImplementation(() => {
      throw new Error('process.abort() was called instead of throwing');
    });
    try {
      const config = loadConfig({
        LEADGER_DATA_DIR: dataDir,
        LOG_LEVEL: 'fatal',
        LEADGER_OIDC_ISSUER: issuer,
      });
      const started = createApp(config);
      await expect(started).rejects.toThrow(ConfigError);
      await expect(started).rejects.toThrow(/LEADGER_OIDC_JWKS_URL/);
      expect(exit).not.toHaveBeenCalled();
    } finally {
      exit.mockRestore();
      abort.mockRestore();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
