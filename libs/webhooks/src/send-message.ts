import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { signature } from './webhook-secret';

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

// Connections are kept open between messages: a subscription sends one after another to the same receiver,
// and a new TCP (and TLS) handshake per message would cost more than the message. One idle for 4 s is
// closed, before a receiver's own idle timeout (Node's is 5 s) can close it under a message being sent.
const idle = { keepAlive: true, timeout: 4000 };
const agents: Readonly<Record<string, HttpAgent>> = {
  'http:': new HttpAgent(idle),
  'https:': new HttpsAgent(idle),
};

/** An answer's body is read and dropped, so its connection can carry the next message; a longer one closes it. */
const MAX_ANSWER_BYTES = 64 * 1024;

class TimedOut extends Error {}

/**
 * POSTs one signed message (Standard Webhooks headers: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature`) and answers how it went: any 2xx is delivered; a redirect (not followed), another
 * status, a connection error or no answer within `timeoutMs` is not.
 */
export async function sendMessage(message: Outgoing, timeoutMs: number, now = new Date()): Promise<Attempt> {
  const started = performance.now();
  const attempt = (status: number | null, error: string | null): Attempt => ({
    at: now.toISOString(),
    status,
    latencyMs: Math.round(performance.now() - started),
    error,
  });
  try {
    const status = await post(message, Math.floor(now.getTime() / 1000), timeoutMs);
    return status >= 200 && status < 300 ? attempt(status, null) : attempt(status, `HTTP ${status}`);
  } catch (error) {
    return attempt(null, failureOf(error, timeoutMs));
  }
}

/** The receiver's status, once its answer's headers came. */
function post(message: Outgoing, timestamp: number, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(message.url);
    const body = Buffer.from(message.body);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      url,
      {
        method: 'POST',
        agent: agents[url.protocol],
        headers: {
          'content-type': 'application/json',
          'content-length': body.length,
          'user-agent': 'Leadger-Webhooks/1',
          'webhook-id': message.messageId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signature(message.secret, message.messageId, timestamp, message.body),
        },
      },
      (response) => {
        clearTimeout(timer);
        resolve(response.statusCode ?? 0);
        dropAnswer(response, timeoutMs);
      },
    );
    const timer = setTimeout(() => request.destroy(new TimedOut()), timeoutMs);
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(body);
  });
}

/** Reads the answer's body to its end, or closes its connection: too long, or not over within `timeoutMs`. */
function dropAnswer(response: IncomingMessage, timeoutMs: number): void {
  let bytes = 0;
  const timer = setTimeout(() => response.destroy(), timeoutMs);
  response.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > MAX_ANSWER_BYTES) response.destroy();
  });
  response.on('close', () => clearTimeout(timer));
  // A connection reset while the answer is dropped changes nothing: the status already counted.
  response.on('error', () => undefined);
}

function failureOf(error: unknown, timeoutMs: number): string {
  if (error instanceof TimedOut) return `timed out after ${timeoutMs} ms`;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}
