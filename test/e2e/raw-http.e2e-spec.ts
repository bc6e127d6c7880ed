import { Agent, request } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { storedEventCount } from '../support/lead-api';
import { bodies, leadAt } from '../support/lead-journeys';
import { exchange, listenOnFreePort, requestText, type RawAnswer } from '../support/raw-http';
import { withTestApp } from '../support/with-test-app';

// Requests only a hand-written client sends, over a real socket: Node's parser refuses some before any
// route runs (an unknown method, too many header bytes, a broken header line); Fastify's router would take
// others (a raw `#fragment`). Each is refused as problem+json; a refusal that ends the connection says so,
// and closes it cleanly, so a client knows the request it pipelined behind was never read.

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';
const header = (kib: number) => `X-Padding: ${'a'.repeat(kib * 1024)}`;

function expectProblem(answer: RawAnswer, status: number): Record<string, unknown> {
  expect({ status: answer.status, type: answer.headers['content-type'] }).toEqual({
    status,
    type: PROBLEM_JSON,
  });
  const problem = JSON.parse(answer.body) as Record<string, unknown>;
  expect(problem).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
  return problem;
}

describe('requests refused before or by the router, over a raw connection', () => {
  let app: NestFastifyApplication;
  let port: number;
  let leadId: string;
  /** A valid request, pipelined after a bad one; the server closes the connection after answering it. */
  let next: string;
  /** The test app's key, as a header line. */
  let authorization: string;

  withTestApp((started, test) => {
    app = started;
    authorization = `Authorization: ${test.auth.authorization}`;
  });

  beforeAll(async () => {
    port = await listenOnFreePort(app);
    leadId = await leadAt(app, 'lead');
    next = requestText(`GET /leads/${leadId} HTTP/1.1`, [authorization, 'Connection: close']);
  });

  describe('when Node cannot parse the request', () => {
    it.each([
      ['an unknown method', 'FOO /leads HTTP/1.1', [], 400],
      ['a header name with a space in it', 'GET /leads HTTP/1.1', ['X Bad: 1'], 400],
      ['17 KiB of headers', 'GET /leads HTTP/1.1', [header(17)], 431],
      ['40 KiB of headers', 'GET /leads HTTP/1.1', [header(40)], 431],
      ['100 KiB of headers', 'GET /leads HTTP/1.1', [header(100)], 431],
    ])(
      '%s is a problem+json with Connection: close, then a clean close, the next request unread',
      async (_name, requestLine, headers, status) => {
        const { answers, ending } = await exchange(port, requestText(requestLine, headers) + next);
        expect({ answers: answers.length, ending }).toEqual({ answers: 1, ending: 'end' });
        expectProblem(answers[0], status);
        expect(answers[0].headers.connection).toBe('close');
      },
    );
  });

  describe('when a keep-alive client queues a request behind one Node refuses', () => {
    it.each([
      ['an unknown method', 'FOO', {}, 400],
      ['20 KiB of headers', 'GET', { 'x-padding': 'a'.repeat(20 * 1024) }, 431],
    ])(
      'after %s, the queued request is answered on a new connection',
      async (_name, method, headers, status) => {
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        try {
          const auth = { authorization: authorization.slice('Authorization: '.length) };
          const [refused, queued] = await Promise.all([get(agent, method, headers), get(agent, 'GET', auth)]);
          // Before, the refusal did not say the connection would close: the client sent the next request on
          // it and got ECONNRESET.
          expect({ refused, queued }).toEqual({
            refused: { status, connection: 'close', type: PROBLEM_JSON },
            queued: { status: 200, connection: 'keep-alive', type: expect.stringContaining('json') },
          });
        } finally {
          agent.destroy();
        }
      },
    );

    /** The lead through Node's own client; what it answered, or the error the client saw. */
    function get(agent: Agent, method: string, headers: Record<string, string>): Promise<object> {
      return new Promise((resolve) => {
        const outgoing = request(
          { host: '127.0.0.1', port, method, path: `/leads/${leadId}`, headers, agent },
          (incoming) => {
            incoming.resume();
            incoming.on('end', () =>
              resolve({
                status: incoming.statusCode,
                connection: incoming.headers.connection,
                type: incoming.headers['content-type'],
              }),
            );
          },
        );
        outgoing.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code }));
        outgoing.end();
      });
    }
  });

  describe('when the method is one HTTP knows but no route takes', () => {
    it.each(['PROPFIND', 'DELETE'])(
      '%s /leads is a problem+json, and the connection serves the next request',
      async (method) => {
        const { answers } = await exchange(port, requestText(`${method} /leads HTTP/1.1`) + next);
        expect(answers).toHaveLength(2);
        expectProblem(answers[0], 404);
        expect(answers[1].status).toBe(200);
      },
    );
  });

  describe('when the path carries a raw #fragment', () => {
    const engagement = () =>
      requestText(
        `POST /leads/${leadId}/engagements#x HTTP/1.1`,
        [authorization, 'Content-Type: application/json', 'Connection: close'],
        JSON.stringify(bodies.engagement),
      );
    const history = () =>
      requestText(`GET /leads/${leadId}/history?limit=1#x HTTP/1.1`, [authorization, 'Connection: close']);

    it.each([
      ['a command', engagement],
      ['a query string', history],
    ])('after %s it is a 400 naming url, and nothing is appended', async (_name, build) => {
      const before = await storedEventCount(app);
      const { answers } = await exchange(port, build());
      expect(answers).toHaveLength(1);
      expect(expectProblem(answers[0], 400)).toMatchObject({
        errors: [{ field: 'url', message: expect.any(String) }],
      });
      expect(await storedEventCount(app)).toBe(before);
    });
  });
});
