import { randomBytes } from 'node:crypto';

// Standard Webhooks secrets: `whsec_` and the base64 of 24 to 64 random bytes. The receiver keeps the same
// text and verifies each delivery's `webhook-signature` (HMAC-SHA256) with it.

const PREFIX = 'whsec_';
const SECRET = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

export function newWebhookSecret(): string {
  return `${PREFIX}${randomBytes(32).toString('base64')}`;
}

/** Why `secret` is not a usable signing secret, or null when it is. */
export function secretProblem(secret: string): string | null {
  if (!SECRET.test(secret)) return 'must be whsec_ followed by base64';
  const bytes = Buffer.from(secret.slice(PREFIX.length), 'base64').length;
  return bytes >= 24 && bytes <= 64 ? null : `must hold 24 to 64 bytes after whsec_, got ${bytes}`;
}
