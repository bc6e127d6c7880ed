import { Webhook } from 'standardwebhooks';

/** One attempt to deliver, as the delivery log keeps it. */
export interface Attempt {
  readonly at: string;
  /** The receiver's HTTP status; null when none came (refused, reset, timed out). */
  readonly status: number | null;
  readonly latencyMs: number;
  /** Why it failed, when it did: `HTTP 500`, `timed out after 10000 ms`, `ECONNREFUSED`. */
  readonly error: string | null;
}

export const delivered = (attempt: Attempt): boolean => attempt.error === null;

export interface Outgoing {
  readonly url: string;
  readonly secret: string;
  readonly messageId: string;
  readonly body: string;
}

/**
 * POSTs one signed message (Standard Webhooks headers: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature`) and answers how it went: any 2xx is delivered; a redirect, another status, a
 * connection error or no answer within `timeoutMs` is not.
 */
export async function sendMessage(message: Outgoing, timeoutMs: number, now = new Date()): Promise<Attempt> {
  const started = performance.now();
  const signature = new Webhook(message.secret).sign(message.messageId, now, message.body);
  const attempt = (status: number | null, error: string | null): Attempt => ({
    at: now.toISOString(),
    status,
    latencyMs: Math.round(performance.now() - started),
    error,
  });
  try {
    const response = await fetch(message.url, {
      method: 'POST',
      body: message.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Leadger-Webhooks/1',
        'webhook-id': message.messageId,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signature,
      },
    });
    // The body is not read: only the status counts, and a large answer must not hold the connection.
    await response.body?.cancel().catch(() => undefined);
    return response.ok ? attempt(response.status, null) : attempt(response.status, `HTTP ${response.status}`);
  } catch (error) {
    return attempt(null, failureOf(error, timeoutMs));
  }
}

function failureOf(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `timed out after ${timeoutMs} ms`;
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
