// What an OIDC verifier is told about the identity provider, and the checks that refuse a bad combination at
// start, before the first caller is turned away for a reason nobody can see.

/**
 * The signature algorithms a token may use: asymmetric only. `none` proves nothing, and an HMAC (`HS256`…)
 * would need a secret shared with the identity provider, which a JWKS never publishes.
 */
export const oidcAlgorithms = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;
export type OidcAlgorithm = (typeof oidcAlgorithms)[number];

export interface OidcOptions {
  /** The `iss` every token must carry, compared exactly (a trailing slash counts). Required. */
  readonly issuer: string;
  /** When set, a token's `aud` must be or contain it. No default: unset accepts any audience. */
  readonly audience?: string;
  /** Where the provider publishes its keys (https; http only on loopback). Exactly one of this or `jwksFile`. */
  readonly jwksUrl?: string;
  /** A JSON Web Key Set file of public keys, read once at start. Exactly one of this or `jwksUrl`. */
  readonly jwksFile?: string;
  /** The claim holding the roles, a name or a dotted path (`realm_access.roles`). Default `roles`. */
  readonly rolesClaim?: string;
  /** The claim naming the principal, recorded as the events' actor. Default `sub`. */
  readonly idClaim?: string;
  /** How far `exp` and `nbf` may be off from our clock, in seconds (0–300). Default 60. */
  readonly clockToleranceSeconds?: number;
  /** The signature algorithms accepted, a subset of `oidcAlgorithms`. Default all of them. */
  readonly algorithms?: readonly string[];
  /** How long one fetch of the JWKS may take, in ms. Default 5000. */
  readonly jwksTimeoutMs?: number;
  /** After a fetch, how long a token with an unknown key waits before it may cause another, in ms. Default 30000. */
  readonly jwksCooldownMs?: number;
  /** How long fetched keys are used before they are fetched again, in ms. Default 600000 (10 minutes). */
  readonly jwksCacheMaxAgeMs?: number;
  /** The clock `exp` and `nbf` are checked against (tests); the JWKS cache keeps the real one. Default now. */
  readonly now?: () => Date;
}

export const oidcDefaults = {
  rolesClaim: 'roles',
  idClaim: 'sub',
  clockToleranceSeconds: 60,
  jwksTimeoutMs: 5_000,
  jwksCooldownMs: 30_000,
  jwksCacheMaxAgeMs: 600_000,
} as const;

/** Above this a tolerance is a mistake (milliseconds given as seconds), and stretches every token's life. */
const MAX_CLOCK_TOLERANCE_SECONDS = 300;

/** One thing wrong with the options, naming the option so config can name its own variable. */
export interface OidcOptionProblem {
  readonly option: keyof OidcOptions;
  readonly message: string;
}

/** Everything wrong with `options`; empty when a verifier can be made from them. */
export function oidcOptionProblems(options: Partial<OidcOptions>): OidcOptionProblem[] {
  const problems: OidcOptionProblem[] = [];
  const problem = (option: keyof OidcOptions, message: string) => problems.push({ option, message });

  if (!isText(options.issuer)) problem('issuer', 'is required, without spaces');
  if (options.audience !== undefined && !isText(options.audience)) problem('audience', 'must not be blank');
  if (options.jwksUrl === undefined && options.jwksFile === undefined)
    problem('jwksUrl', 'or jwksFile is required: the keys tokens are checked against');
  if (options.jwksUrl !== undefined && options.jwksFile !== undefined)
    problem('jwksFile', 'and jwksUrl are both set: set only one');
  if (options.jwksUrl !== undefined) {
    const reason = jwksUrlProblem(options.jwksUrl);
    if (reason) problem('jwksUrl', reason);
  }
  if (options.jwksFile !== undefined && options.jwksFile.trim() === '')
    problem('jwksFile', 'must not be blank');
  for (const option of ['rolesClaim', 'idClaim'] as const)
    if (options[option] !== undefined && !isText(options[option])) problem(option, 'must be a claim name');
  const tolerance = options.clockToleranceSeconds;
  if (tolerance !== undefined && !inRange(tolerance, 0, MAX_CLOCK_TOLERANCE_SECONDS))
    problem('clockToleranceSeconds', `must be a number of seconds from 0 to ${MAX_CLOCK_TOLERANCE_SECONDS}`);
  if (options.algorithms !== undefined) {
    const unknown = options.algorithms.filter((alg) => !isOidcAlgorithm(alg));
    if (options.algorithms.length === 0 || unknown.length > 0)
      problem('algorithms', `must be some of ${oidcAlgorithms.join(', ')}${listed(unknown)}`);
  }
  for (const option of ['jwksTimeoutMs', 'jwksCooldownMs', 'jwksCacheMaxAgeMs'] as const) {
    const value = options[option];
    if (value !== undefined && !inRange(value, 0, Number.MAX_SAFE_INTEGER))
      problem(option, 'must be a number of milliseconds, 0 or more');
  }
  return problems;
}

export function isOidcAlgorithm(alg: string): alg is OidcAlgorithm {
  return (oidcAlgorithms as readonly string[]).includes(alg);
}

/**
 * Keys fetched over plain http could be swapped by anyone on the path, who could then sign any token; only
 * loopback (a provider on the same host, or a test) may skip TLS.
 */
function jwksUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return null;
  return 'must be an https URL (http only on localhost)';
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && !/\s/.test(value);
}

function inRange(value: number, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

function listed(unknown: readonly string[]): string {
  return unknown.length > 0 ? ` (not ${unknown.join(', ')})` : '';
}
