import { connect } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

// HTTP/1.1 spoken by hand over one TCP connection, for what clients never send: unknown methods, huge
// headers, a raw `#fragment`, several requests pipelined at once.

/** One answer read off the connection. */
export interface RawAnswer {
  readonly status: number;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Every answer the server wrote, and how the connection ended: `end` (a clean close) or an error code. */
export interface RawExchange {
  readonly answers: readonly RawAnswer[];
  readonly ending: string;
}

/** Starts the app listening on a free port of 127.0.0.1 and returns the port. */
export async function listenOnFreePort(app: NestFastifyApplication): Promise<number> {
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  if (typeof address !== 'object' || address === null) throw new Error('the app has no TCP address');
  return address.port;
}

/** A request as its bytes: a request line, headers, and a body with its Content-Length. */
export function requestText(requestLine: string, headers: readonly string[] = [], body = ''): string {
  const length = body ? [`Content-Length: ${Buffer.byteLength(body)}`] : [];
  return [requestLine, 'Host: 127.0.0.1', ...headers, ...length, '', body].join('\r\n');
}

/** How long to read before giving up on a server that keeps the connection open (the ending is `open`). */
const WAIT_MS = 5000;

/** Sends `text` at once on a new connection and reads until the server closes it. */
export function exchange(port: number, text: string): Promise<RawExchange> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    const done = (ending: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ answers: parseAnswers(Buffer.concat(chunks).toString('latin1')), ending });
    };
    const timer = setTimeout(() => done('open'), WAIT_MS);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => done('end'));
    socket.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
}

/** Answers with a Content-Length, one after another, as a keep-alive connection carries them. */
function parseAnswers(text: string): RawAnswer[] {
  const answers: RawAnswer[] = [];
  let rest = text;
  while (rest.length > 0) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) throw new Error(`an incomplete answer: ${JSON.stringify(rest.slice(0, 200))}`);
    const [statusLine, ...lines] = rest.slice(0, end).split('\r\n');
    const headers = Object.fromEntries(
      lines.map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
      }),
    );
    const length = Number(headers['content-length'] ?? 0);
    const body = Buffer.from(rest.slice(end + 4), 'latin1')
      .subarray(0, length)
      .toString('utf8');
    answers.push({ status: Number(statusLine.split(' ')[1]), headers, body });
    rest = rest.slice(end + 4 + length);
  }
  return answers;
}
