import { createHmac, randomBytes } from 'node:crypto';

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

/**
 * The `webhook-signature` header of one message: `v1,` and the base64 HMAC-SHA256, under the secret's
 * bytes, of `<webhook-id>.<webhook-timestamp>.<body>`, as Standard Webhooks receivers verify it.
 */
export function signature(secret: string, messageId: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${messageId}.${timestamp}.${body}`).digest('base64')}`;
}
