import { hkdfSync } from 'node:crypto';

/** Bytes of the deployment's master key and of every key derived from it (AES-256, HMAC-SHA-256). */
export const KEY_BYTES = 32;

/** What a key derived from the master key is for; each purpose gets an unrelated key. */
export type KeyPurpose =
  'blind-index' | 'api-keys' | 'lead-key-wrapping' | 'request-digest' | 'webhook-secrets';

/**
 * A key for one purpose, derived from the master key with HKDF-SHA-256: one secret to keep and back up,
 * and a leak of one derived key (say, the blind index's) tells nothing of the others.
 */
export function deriveKey(master: Buffer, purpose: KeyPurpose): Buffer {
  if (master.length !== KEY_BYTES) throw new RangeError(`the master key must be ${KEY_BYTES} bytes`);
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `leadger/${purpose}/v1`, KEY_BYTES));
}
