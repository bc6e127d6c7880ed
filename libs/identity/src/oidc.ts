import { readFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
  type KeyLike,
} from 'jose';
import { claimAt, idIn, rolesIn } from './oidc-claims';
import { oidcAlgorithms, oidcDefaults, oidcOptionProblems, type OidcOptions } from './oidc-options';
import { KeysUnavailable, refusalFor } from './oidc-refusals';
import { AuthenticationError, type Principal } from './principal';

export * from './oidc-options';
export { oidcRefusals } from './oidc-refusals';
export { claimAt, rolesIn } from './oidc-claims';

/** Turns an identity provider's bearer token (a JWT) into a principal, or refuses it. */
export interface OidcVerifier {
  /**
   * The principal a token names, with the known roles of its roles claim (maybe none: then a 403 follows).
   * Throws `AuthenticationError` (a 401) when the signature, issuer, audience, times or id claim fail, or
   * the provider's keys cannot be fetched.
   */
  verify(token: string): Promise<Principal>;
}

/**
 * A verifier for one identity provider. Throws at once when the options have problems
 * (`oidcOptionProblems`) or the JWKS file cannot be read; a JWKS URL is first fetched by the first token.
 */
export function createOidcVerifier(options: OidcOptions): OidcVerifier {
  const problems = oidcOptionProblems(options);
  if (problems.length > 0)
    throw new TypeError(`OIDC options: ${problems.map((p) => `${p.option} ${p.message}`).join('; ')}`);
  const keys = failingAsKeysUnavailable(keySetOf(options));
  const rolesClaim = options.rolesClaim ?? oidcDefaults.rolesClaim;
  const idClaim = options.idClaim ?? oidcDefaults.idClaim;
  const checks = (): JWTVerifyOptions => ({
    issuer: options.issuer,
    audience: options.audience,
    algorithms: [...(options.algorithms ?? oidcAlgorithms)],
    clockTolerance: options.clockToleranceSeconds ?? oidcDefaults.clockToleranceSeconds,
    // A token without `exp` would be good forever.
    requiredClaims: ['exp'],
    currentDate: options.now?.(),
  });

  return {
    async verify(token) {
      let claims: JWTPayload;
      try {
        claims = await verifiedClaims(token, keys, checks());
      } catch (error) {
        throw refusalFor(error);
      }
      const id = idIn(claimAt(claims, idClaim));
      if (id === null) throw new AuthenticationError(`token has no ${idClaim} claim`);
      return { id, roles: rolesIn(claimAt(claims, rolesClaim)), via: 'oidc' };
    },
  };
}

function keySetOf(options: OidcOptions): JWTVerifyGetKey {
  if (options.jwksFile !== undefined) return createLocalJWKSet(readJwksFile(options.jwksFile));
  return createRemoteJWKSet(new URL(options.jwksUrl ?? ''), {
    timeoutDuration: options.jwksTimeoutMs ?? oidcDefaults.jwksTimeoutMs,
    cooldownDuration: options.jwksCooldownMs ?? oidcDefaults.jwksCooldownMs,
    cacheMaxAge: options.jwksCacheMaxAgeMs ?? oidcDefaults.jwksCacheMaxAgeMs,
  });
}

/** A JWKS file of public keys: a private or shared-secret key there is a secret in the wrong place. */
function readJwksFile(path: string): JSONWebKeySet {
  let jwks: unknown;
  try {
    jwks = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new Error(`the OIDC JWKS file ${path} could not be read as JSON`, { cause });
  }
  const keys = (jwks as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'object' && key !== null))
    throw new Error(`the OIDC JWKS file ${path} is not a JSON Web Key Set ({ "keys": [...] })`);
  if (keys.some((key) => 'd' in key || key.kty === 'oct'))
    throw new Error(
      `the OIDC JWKS file ${path} holds a private or secret key: it must hold public keys only`,
    );
  return { keys } as JSONWebKeySet;
}

/**
 * The key lookup, with every failure but "no such key" turned into `KeysUnavailable`: a fetch that was
 * refused, timed out, or answered something that is not a key set says nothing about the token.
 */
function failingAsKeysUnavailable(keys: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await keys(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys)
        throw error;
      throw new KeysUnavailable({ cause: error });
    }
  };
}

/**
 * The verified claims. A token without `kid` can match several keys of the set (as during a rotation, for
 * providers that omit it): then each is tried, as jose's documentation shows, and the one that verifies wins.
 */
async function verifiedClaims(
  token: string,
  keys: JWTVerifyGetKey,
  checks: JWTVerifyOptions,
): Promise<JWTPayload> {
  try {
    return (await jwtVerify(token, keys, checks)).payload;
  } catch (error) {
    if (!(error instanceof errors.JWKSMultipleMatchingKeys)) throw error;
    for await (const key of error as AsyncIterable<KeyLike>) {
      try {
        return (await jwtVerify(token, key, checks)).payload;
      } catch (failure) {
        if (!(failure instanceof errors.JWSSignatureVerificationFailed)) throw failure;
      }
    }
    throw new errors.JWSSignatureVerificationFailed();
  }
}
