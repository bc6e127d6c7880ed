import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KEY_BYTES } from './secrets';

// AES-256-GCM from node:crypto: a random 96-bit nonce per message, and the 128-bit tag checked on open,
// so a sealed value that was altered, or moved to another lead or field, does not open.

const VERSION = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Encrypts `plain` under `key`, bound to `context` (e.g. the lead id): `v1.<nonce|ciphertext|tag, base64url>`. */
export function seal(key: Buffer, context: string, plain: Buffer): string {
  checkKey(key);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce).setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return `${VERSION}.${Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url')}`;
}

/** Decrypts what `seal` made with the same key and context; throws if either differs or it was altered. */
export function open(key: Buffer, context: string, sealed: string): Buffer {
  checkKey(key);
  const [version, packed] = sealed.split('.');
  if (version !== VERSION || !packed) throw new SealedValueError(`not a ${VERSION} sealed value`);
  const bytes = Buffer.from(packed, 'base64url');
  if (bytes.length < NONCE_BYTES + TAG_BYTES) throw new SealedValueError('sealed value too short');
  const nonce = bytes.subarray(0, NONCE_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce).setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch (cause) {
    throw new SealedValueError('sealed value does not open with this key and context', { cause });
  }
}

/** A sealed value that is malformed, altered, or sealed under another key or context. */
export class SealedValueError extends Error {
  readonly code = 'sealed_value';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SealedValueError';
  }
}

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new RangeError(`AES-256 keys are ${KEY_BYTES} bytes`);
}
