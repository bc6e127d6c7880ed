import { createHmac } from 'node:crypto';

/**
 * The blind index of an email (already normalized: trimmed, lower-cased): an HMAC of it under the
 * deployment's blind-index key. Dedupe looks leads up by it, so two captures of one address meet, but nobody
 * without the key can compute it from an address, or tell an address from it.
 */
export function emailIndex(blindIndexKey: Buffer, normalizedEmail: string): string {
  return createHmac('sha256', blindIndexKey).update(normalizedEmail, 'utf8').digest('hex');
}

/**
 * The blind index of an anonymous visitor's id (a web cookie): names its suspect stream, so a visitor is
 * found again by their cookie while nobody without the key can tell the cookie from the stream.
 */
export function suspectIndex(blindIndexKey: Buffer, anonymousId: string): string {
  return createHmac('sha256', blindIndexKey)
    .update(`suspect\0${anonymousId}`, 'utf8')
    .digest('hex')
    .slice(0, 40);
}
