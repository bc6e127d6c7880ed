import { createHmac } from 'node:crypto';

/** The form of an email that identifies a person: trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The blind index of an email: an HMAC of its normalized form under the deployment's blind-index key.
 * Dedupe looks leads up by it, so two captures of one address meet, but nobody without the key can
 * compute it from an address, or tell an address from it.
 */
export function emailIndex(blindIndexKey: Buffer, email: string): string {
  return createHmac('sha256', blindIndexKey).update(normalizeEmail(email), 'utf8').digest('hex');
}
