import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// An API key is shown once, as `lgr_<keyId>_<secret>`; only an HMAC of it under a key derived from the
// master key is stored, so a copy of the log or of a backup does not let anyone sign in.

const PREFIX = 'lgr_';
const token = /^lgr_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKey {
  /** Names the key's record; not secret. */
  readonly keyId: string;
  /** The whole key, to show once. */
  readonly token: string;
}

export function newApiKey(): NewApiKey {
  const keyId = randomBytes(8).toString('hex');
  return { keyId, token: `${PREFIX}${keyId}_${randomBytes(32).toString('base64url')}` };
}

/** The key id of a well-formed API key token, or null: anything else is not one of ours. */
export function keyIdOf(candidate: string): string | null {
  return token.exec(candidate)?.[1] ?? null;
}

/** What is stored of a key: HMAC-SHA-256 under the api-keys key, hex. */
export function hashApiKey(apiKeysKey: Buffer, whole: string): string {
  return createHmac('sha256', apiKeysKey).update(whole, 'utf8').digest('hex');
}

/** Whether `whole` is the key whose stored hash is `hash`, compared in constant time. */
export function apiKeyMatches(apiKeysKey: Buffer, whole: string, hash: string): boolean {
  const given = Buffer.from(hashApiKey(apiKeysKey, whole), 'hex');
  const stored = Buffer.from(hash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** Whether a bearer token looks like an API key (else it may be an OIDC JWT). */
export function isApiKeyToken(bearer: string): boolean {
  return bearer.startsWith(PREFIX);
}
