import { createOidcVerifier, oidcOptionProblems, type OidcOptions } from './oidc';

const good: OidcOptions = {
  issuer: 'https://id.example.com/realms/acme',
  jwksUrl: 'https://id.example.com/certs',
};
const problemsOf = (options: Partial<OidcOptions>) => oidcOptionProblems(options).map((p) => p.option);

describe('oidcOptionProblems', () => {
  it('finds none in an issuer with a JWKS URL, or with a JWKS file and every option set', () => {
    expect(oidcOptionProblems(good)).toEqual([]);
    const full: OidcOptions = {
      issuer: 'https://id.example.com/',
      audience: 'leadger-api',
      jwksFile: '/etc/leadger/idp keys.json',
      rolesClaim: 'realm_access.roles',
      idClaim: 'preferred_username',
      clockToleranceSeconds: 0,
      algorithms: ['RS256', 'EdDSA'],
      jwksTimeoutMs: 1000,
      jwksCooldownMs: 0,
      jwksCacheMaxAgeMs: 60_000,
    };
    expect(oidcOptionProblems(full)).toEqual([]);
  });

  it('wants an issuer, and exactly one of a JWKS URL or file', () => {
    expect(problemsOf({ jwksUrl: good.jwksUrl })).toEqual(['issuer']);
    expect(problemsOf({ issuer: ' ', jwksUrl: good.jwksUrl })).toEqual(['issuer']);
    expect(problemsOf({ issuer: good.issuer })).toEqual(['jwksUrl']);
    expect(problemsOf({ ...good, jwksFile: 'keys.json' })).toEqual(['jwksFile']);
    expect(problemsOf({ issuer: good.issuer, jwksFile: '' })).toEqual(['jwksFile']);
  });

  it('wants the JWKS URL to be https, or http only on loopback', () => {
    for (const jwksUrl of [
      'not a url',
      'id.example.com/certs',
      'http://id.example.com/certs',
      'ftp://localhost/k',
    ])
      expect(problemsOf({ ...good, jwksUrl })).toEqual(['jwksUrl']);
    for (const jwksUrl of ['http://localhost:8080/certs', 'http://127.0.0.1/certs', 'http://[::1]:9/certs'])
      expect(problemsOf({ ...good, jwksUrl })).toEqual([]);
  });

  it('refuses symmetric or unsigned algorithms, a tolerance outside 0–300 s, blank claims and negative times', () => {
    expect(problemsOf({ ...good, algorithms: ['RS256', 'HS256'] })).toEqual(['algorithms']);
    expect(problemsOf({ ...good, algorithms: ['none'] })).toEqual(['algorithms']);
    expect(problemsOf({ ...good, algorithms: [] })).toEqual(['algorithms']);
    for (const clockToleranceSeconds of [-1, 301, 60_000, Number.NaN])
      expect(problemsOf({ ...good, clockToleranceSeconds })).toEqual(['clockToleranceSeconds']);
    expect(problemsOf({ ...good, rolesClaim: '', idClaim: ' ' })).toEqual(['rolesClaim', 'idClaim']);
    expect(problemsOf({ ...good, jwksTimeoutMs: -1, jwksCacheMaxAgeMs: Infinity })).toEqual([
      'jwksTimeoutMs',
      'jwksCacheMaxAgeMs',
    ]);
  });

  it('names each problem in words config can put after its own variable', () => {
    expect(oidcOptionProblems({ ...good, jwksUrl: 'http://id.example.com/certs' })).toEqual([
      { option: 'jwksUrl', message: 'must be an https URL (http only on localhost)' },
    ]);
  });
});

describe('createOidcVerifier', () => {
  it('refuses options with problems at once', () => {
    expect(() => createOidcVerifier({ issuer: good.issuer })).toThrow(/OIDC options: jwksUrl or jwksFile/);
  });
});
