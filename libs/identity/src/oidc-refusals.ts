import { errors } from 'jose';
import { AuthenticationError } from './principal';

/**
 * Why a bearer token was refused, as the 401 says it: short, and never the token or a claim's value (a
 * claim may be personal data, and echoing what an attacker sent helps only the attacker).
 */
export const oidcRefusals = {
  malformed: 'token is malformed',
  algorithm: 'token signing algorithm is not accepted',
  unknownKey: 'token was signed by a key the identity provider does not publish',
  signature: 'token signature does not verify',
  keysUnavailable: "the identity provider's keys could not be fetched",
  issuer: 'token issuer is not trusted',
  audience: 'token audience is not accepted',
  expired: 'token expired',
  notYetValid: 'token is not valid yet',
  noExpiry: 'token has no exp claim',
  claims: 'token claims are malformed',
} as const;

/** The JWKS could not be fetched or used: raised by the key lookup, told apart from a bad token. */
export class KeysUnavailable extends Error {
  constructor(options?: ErrorOptions) {
    super(oidcRefusals.keysUnavailable, options);
    this.name = 'KeysUnavailable';
  }
}

/** The 401 for anything jose (or the key lookup) threw while verifying a token. */
export function refusalFor(error: unknown): AuthenticationError {
  return new AuthenticationError(reasonFor(error));
}

function reasonFor(error: unknown): string {
  if (error instanceof KeysUnavailable) return oidcRefusals.keysUnavailable;
  if (error instanceof errors.JWTExpired) return oidcRefusals.expired;
  if (error instanceof errors.JWTClaimValidationFailed) return claimReason(error.claim, error.reason);
  if (error instanceof errors.JOSEAlgNotAllowed) return oidcRefusals.algorithm;
  if (error instanceof errors.JWKSNoMatchingKey) return oidcRefusals.unknownKey;
  if (error instanceof errors.JWSSignatureVerificationFailed) return oidcRefusals.signature;
  // JWSInvalid, JWTInvalid, JOSENotSupported (a `crit` header we do not know), and the TypeErrors jose
  // throws for a key that does not fit the header's algorithm: the token is at fault either way.
  return oidcRefusals.malformed;
}

function claimReason(claim: string, reason: string): string {
  if (claim === 'iss') return oidcRefusals.issuer;
  if (claim === 'aud') return oidcRefusals.audience;
  if (claim === 'nbf' && reason === 'check_failed') return oidcRefusals.notYetValid;
  if (claim === 'exp' && reason === 'missing') return oidcRefusals.noExpiry;
  return oidcRefusals.claims;
}
