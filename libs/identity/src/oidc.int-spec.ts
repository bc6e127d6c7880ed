import { exportJWK, SignJWT, type JWTPayload } from 'jose';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOidcVerifier, oidcRefusals, type OidcOptions } from './oidc';
import { AuthenticationError } from './principal';
import { jwksOf, signedToken, testKey, TestJwksServer, type TestKey } from './testing/test-identity-provider';

const issuer = 'https://id.example.com/realms/acme';
const audience = 'leadger-api';
const now = new Date('2026-12-01T12:00:00Z');
const epoch = now.getTime() / 1000;

let rsa: TestKey, ec: TestKey, ed: TestKey;
let provider: TestJwksServer;

beforeAll(async () => {
  [rsa, ec, ed] = await Promise.all([testKey('rsa-1', 'RS256'), testKey('ec-1'), testKey('ed-1', 'EdDSA')]);
  provider = await TestJwksServer.start([rsa, ec, ed]);
});
afterAll(() => provider.stop());

const claims = (extra: JWTPayload = {}): JWTPayload => ({
  iss: issuer,
  aud: audience,
  sub: 'ann',
  iat: epoch - 10,
  exp: epoch + 300,
  roles: ['sales'],
  ...extra,
});

const verifier = (options: Partial<OidcOptions> = {}) =>
  createOidcVerifier({ issuer, audience, jwksUrl: provider.url, now: () => now, ...options });

/** The reason a token was refused with; fails unless it was an AuthenticationError that echoes no token. */
async function refusal(token: string, options: Partial<OidcOptions> = {}): Promise<string> {
  const error = await verifier(options)
    .verify(token)
    .then(
      () => new Error('the token was accepted'),
      (thrown: unknown) => thrown,
    );
  expect(error).toBeInstanceOf(AuthenticationError);
  const { reason } = error as AuthenticationError;
  for (const part of token.split('.').filter((p) => p.length > 8)) expect(reason).not.toContain(part);
  return reason;
}

const unsigned = (header: object, payload: object) =>
  [header, payload].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.';

describe('an OIDC verifier with a JWKS URL', () => {
  it('accepts a valid token: the principal is its sub, with its roles, via oidc', async () => {
    for (const key of [rsa, ec, ed])
      expect(await verifier().verify(await signedToken(key, claims()))).toEqual({
        id: 'ann',
        roles: ['sales'],
        via: 'oidc',
      });
  });

  it('reads roles from a dotted path, a namespaced claim, and a space- or comma-separated string', async () => {
    const read = async (rolesClaim: string, extra: JWTPayload) =>
      (await verifier({ rolesClaim }).verify(await signedToken(ec, claims(extra)))).roles;
    expect(
      await read('realm_access.roles', { realm_access: { roles: ['marketing', 'offline_access'] } }),
    ).toEqual(['marketing']);
    expect(
      await read('https://leadger.example.com/roles', { 'https://leadger.example.com/roles': ['admin'] }),
    ).toEqual(['admin']);
    expect(await read('scope', { scope: 'openid analyst  auditor' })).toEqual(['analyst', 'auditor']);
    expect(await read('groups', { groups: 'sales, sales_manager' })).toEqual(['sales', 'sales_manager']);
  });

  it('ignores what is not a known role, and still authenticates a token with no role', async () => {
    const rolesOf = async (extra: JWTPayload) =>
      (await verifier().verify(await signedToken(ec, claims(extra)))).roles;
    expect(await rolesOf({ roles: ['Admin', 'superuser', 'admin', 7, 'admin'] })).toEqual(['admin']);
    expect(await rolesOf({ roles: undefined })).toEqual([]);
    expect(await rolesOf({ roles: { admin: true } })).toEqual([]);
    expect(await rolesOf({ roles: 'owner' })).toEqual([]);
  });

  it('takes the id from the configured claim, and refuses a token without a usable one', async () => {
    const token = await signedToken(ec, claims({ preferred_username: 'ann.lee' }));
    expect((await verifier({ idClaim: 'preferred_username' }).verify(token)).id).toBe('ann.lee');
    for (const sub of [undefined, '', '  ', 42])
      expect(await refusal(await signedToken(ec, claims({ sub } as JWTPayload)))).toBe(
        'token has no sub claim',
      );
    expect(await refusal(token, { idClaim: 'email' })).toBe('token has no email claim');
  });

  it('refuses a token expired beyond the clock tolerance, and accepts one within it', async () => {
    const expiredAgo = async (seconds: number) => signedToken(ec, claims({ exp: epoch - seconds }));
    expect(await refusal(await expiredAgo(90))).toBe(oidcRefusals.expired);
    expect((await verifier().verify(await expiredAgo(30))).id).toBe('ann');
    expect(await refusal(await expiredAgo(30), { clockToleranceSeconds: 0 })).toBe(oidcRefusals.expired);
    expect(await refusal(await signedToken(ec, claims({ exp: undefined })))).toBe(oidcRefusals.noExpiry);
  });

  it('refuses a token not valid before a moment beyond the tolerance', async () => {
    expect(await refusal(await signedToken(ec, claims({ nbf: epoch + 120 })))).toBe(oidcRefusals.notYetValid);
    expect((await verifier().verify(await signedToken(ec, claims({ nbf: epoch + 30 })))).id).toBe('ann');
  });

  it('refuses another issuer, including the same one spelled with a trailing slash, or none', async () => {
    for (const iss of ['https://evil.example.com', `${issuer}/`, undefined])
      expect(await refusal(await signedToken(ec, claims({ iss })))).toBe(oidcRefusals.issuer);
  });

  it('refuses another audience when one is configured, and accepts it in a list', async () => {
    const other = await signedToken(ec, claims({ aud: 'another-app' }));
    expect(await refusal(other)).toBe(oidcRefusals.audience);
    expect(await refusal(await signedToken(ec, claims({ aud: undefined })))).toBe(oidcRefusals.audience);
    expect((await verifier().verify(await signedToken(ec, claims({ aud: ['x', audience] })))).id).toBe('ann');
    expect((await verifier({ audience: undefined }).verify(other)).id).toBe('ann');
  });

  it('refuses a token signed by a key the provider does not publish, or altered after signing', async () => {
    const outsider = await testKey('outsider');
    expect(await refusal(await signedToken(outsider, claims()))).toBe(oidcRefusals.unknownKey);
    const impostor = await testKey(ec.kid);
    expect(await refusal(await signedToken(impostor, claims()))).toBe(oidcRefusals.signature);
    const [header, , signature] = (await signedToken(ec, claims())).split('.');
    const raised = Buffer.from(JSON.stringify(claims({ roles: ['admin'] }))).toString('base64url');
    expect(await refusal(`${header}.${raised}.${signature}`)).toBe(oidcRefusals.signature);
  });

  it('refuses alg none and HMAC tokens before fetching any key, and algorithms left out of the list', async () => {
    const before = provider.requests;
    expect(await refusal(unsigned({ alg: 'none' }, claims()))).toBe(oidcRefusals.algorithm);
    const hmac = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS256', kid: rsa.kid })
      .sign(Buffer.from(JSON.stringify(rsa.jwk)));
    expect(await refusal(hmac)).toBe(oidcRefusals.algorithm);
    expect(provider.requests).toBe(before);
    expect(await refusal(await signedToken(rsa, claims()), { algorithms: ['ES256'] })).toBe(
      oidcRefusals.algorithm,
    );
  });

  it('refuses a malformed token', async () => {
    const valid = await signedToken(ec, claims());
    for (const token of ['', 'not a token', 'a.b.c', valid.split('.').slice(0, 2).join('.'), `${valid}.x`])
      expect(await refusal(token)).toBe(oidcRefusals.malformed);
  });
});

describe('fetching the provider’s keys', () => {
  let own: TestJwksServer;
  afterEach(() => own.stop());

  it('refuses tokens, without crashing, while the provider is down, fails, or does not answer', async () => {
    own = await TestJwksServer.start([ec]);
    const url = own.url;
    await own.stop();
    const token = await signedToken(ec, claims());
    expect(await refusal(token, { jwksUrl: url })).toBe(oidcRefusals.keysUnavailable);
    own = await TestJwksServer.start([ec]);
    own.behaviour = 'fail';
    expect(await refusal(token, { jwksUrl: own.url })).toBe(oidcRefusals.keysUnavailable);
    own.behaviour = 'hang';
    expect(await refusal(token, { jwksUrl: own.url, jwksTimeoutMs: 200 })).toBe(oidcRefusals.keysUnavailable);
  });

  it('keeps fetched keys: tokens still verify while the provider is down', async () => {
    own = await TestJwksServer.start([ec]);
    const cached = verifier({ jwksUrl: own.url });
    await cached.verify(await signedToken(ec, claims()));
    own.behaviour = 'fail';
    expect((await cached.verify(await signedToken(ec, claims({ sub: 'bob' })))).id).toBe('bob');
    expect(own.requests).toBe(1);
  });

  it('fetches again for a key published after the first fetch (rotation)', async () => {
    own = await TestJwksServer.start([ec]);
    const rotating = verifier({ jwksUrl: own.url, jwksCooldownMs: 0 });
    await rotating.verify(await signedToken(ec, claims()));
    const next = await testKey('ec-2');
    own.keys.push(next);
    expect((await rotating.verify(await signedToken(next, claims({ sub: 'bob' })))).id).toBe('bob');
    expect(own.requests).toBe(2);
  });

  it('does not fetch again, within the cooldown, however many unknown keys tokens name', async () => {
    own = await TestJwksServer.start([ec]);
    const cooling = verifier({ jwksUrl: own.url });
    await cooling.verify(await signedToken(ec, claims()));
    for (let i = 0; i < 5; i += 1) {
      const token = await signedToken(await testKey(`unknown-${i}`), claims());
      await expect(cooling.verify(token)).rejects.toMatchObject({ reason: oidcRefusals.unknownKey });
    }
    expect(own.requests).toBe(1);
  });

  it('tries each key that fits a token without kid', async () => {
    const [a, b] = await Promise.all([testKey('a'), testKey('b')]);
    own = await TestJwksServer.start([a, b]);
    const noKid = { header: { kid: undefined } };
    expect((await verifier({ jwksUrl: own.url }).verify(await signedToken(b, claims(), noKid))).id).toBe(
      'ann',
    );
    const stranger = await signedToken(await testKey('c'), claims(), noKid);
    expect(await refusal(stranger, { jwksUrl: own.url })).toBe(oidcRefusals.signature);
  });
});

describe('an OIDC verifier with a JWKS file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'leadger-oidc-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const fileWith = (content: unknown) => {
    const path = join(dir, 'jwks.json');
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  const fromFile = (jwksFile: string) => verifier({ jwksUrl: undefined, jwksFile });

  it('verifies against the keys it read once, at start', async () => {
    const path = fileWith(jwksOf([rsa, ec]));
    const fileVerifier = fromFile(path);
    unlinkSync(path);
    expect(await fileVerifier.verify(await signedToken(rsa, claims()))).toEqual({
      id: 'ann',
      roles: ['sales'],
      via: 'oidc',
    });
    const refused = fileVerifier.verify(await signedToken(ed, claims()));
    await expect(refused).rejects.toMatchObject({ reason: oidcRefusals.unknownKey });
  });

  it('refuses to start on a missing file, one that is not a key set, or one holding a private key', async () => {
    expect(() => fromFile(join(dir, 'missing.json'))).toThrow(/could not be read/);
    expect(() => fromFile(fileWith('{ not json'))).toThrow(/could not be read/);
    expect(() => fromFile(fileWith({ issuer }))).toThrow(/not a JSON Web Key Set/);
    const secret = { keys: [{ ...(await exportJWK(ec.privateKey)), kid: ec.kid }] };
    expect(() => fromFile(fileWith(secret))).toThrow(/public keys only/);
  });
});
