import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError } from 'fastify';
import { ProblemDetailsFilter } from '../problem/problem-details.filter';
import type { ProblemDetails } from '../problem/problem-details';

/** Request line and headers together; Node's default, named so the answer can say it. */
export const HEADER_LIMIT_BYTES = 16 * 1024;

/** How long a refused connection is read and discarded before it is dropped, should the client not close it. */
const LINGER_MS = 2000;

/** What the client got wrong, by Node's parser error code; anything else is the request as a whole. */
const fieldOf: Readonly<Record<string, string>> = { HPE_INVALID_METHOD: 'method', HPE_INVALID_URL: 'url' };

/** The parser errors a client causes that are not a plain 400. */
const refusals: Readonly<Record<string, { readonly status: number; readonly detail: string }>> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    detail: `the request line and headers exceed ${HEADER_LIMIT_BYTES / 1024} KiB`,
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, detail: 'the request did not arrive in time' },
};

function problemFor(error: ConnectionError): ProblemDetails {
  const known = refusals[error.code];
  if (known) return { type: 'about:blank', title: STATUS_CODES[known.status] ?? 'Request refused', ...known };
  // Node's message names what it could not read, e.g. "Parse Error: Invalid method encountered".
  const detail = `not an HTTP/1.1 request this server can read: ${error.message}`;
  const errors = [{ field: fieldOf[error.code] ?? 'request', message: 'is not valid HTTP/1.1' }];
  return { type: 'about:blank', title: 'Bad Request', status: 400, detail, errors };
}

const answered = new WeakSet<Socket>();

/**
 * Node's parser refuses a request it cannot read (an unknown method, too many header bytes) before Fastify
 * routes it, and Fastify's own answer is plain JSON on a connection it resets. Here it is problem+json with
 * `Connection: close`, so a client knows the requests it pipelined behind were not read; and the connection
 * is closed gracefully: what the client still sends is read and dropped, for a reset could destroy the answer
 * before the client reads it.
 */
export function refuseUnreadableRequest(error: ConnectionError, socket: Socket): void {
  // The parser reports every later chunk of a refused connection again; it was answered once.
  if (socket.destroyed || answered.has(socket)) return;
  answered.add(socket);
  // As Node does: once an answer has begun on this connection, writing another would corrupt it.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const problem = problemFor(error);
  const body = JSON.stringify(problem);
  socket.end(
    [
      `HTTP/1.1 ${problem.status} ${problem.title}`,
      `Content-Type: ${ProblemDetailsFilter.contentType}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
  const linger = setTimeout(() => socket.destroy(), LINGER_MS).unref();
  socket.once('end', () => socket.destroy());
  socket.once('close', () => clearTimeout(linger));
}
