import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A round-robin HTTP load balancer in front of several API processes, as a test would put a real one: a
// backend that refuses connections is skipped (the request never reached it, so another may take it); a
// backend that dies with a request in flight leaves that request unanswered, and the client hears 502 —
// it cannot know whether the command was applied, so it retries with the same Idempotency-Key.

export interface LoadBalancer {
  readonly port: number;
  /** Requests each backend answered, by its port. */
  readonly answered: ReadonlyMap<number, number>;
  close(): Promise<void>;
}

/** Answered when every backend refused the connection, or the chosen one died mid-request. */
export const UPSTREAM_LOST = 502;

export async function startLoadBalancer(backends: readonly number[]): Promise<LoadBalancer> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const answered = new Map(backends.map((port) => [port, 0]));
  let next = 0;

  const forward = (incoming: IncomingMessage, body: Buffer, outgoing: ServerResponse, tried: number) => {
    if (tried === backends.length) return lost(outgoing, 'no backend took the connection');
    const port = backends[next++ % backends.length];
    const upstream = request(
      {
        host: '127.0.0.1',
        port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
        agent,
      },
      (reply) => {
        const chunks: Buffer[] = [];
        reply.on('data', (chunk: Buffer) => chunks.push(chunk));
        reply.on('error', () => lost(outgoing, 'the backend died while answering'));
        reply.on('end', () => {
          if (!reply.complete) return lost(outgoing, 'the backend died while answering');
          answered.set(port, (answered.get(port) ?? 0) + 1);
          outgoing.writeHead(reply.statusCode ?? 502, reply.headers).end(Buffer.concat(chunks));
        });
      },
    );
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') forward(incoming, body, outgoing, tried + 1);
      else lost(outgoing, `the backend dropped the request (${error.code ?? error.message})`);
    });
    upstream.end(body);
  };

  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => forward(incoming, Buffer.concat(chunks), outgoing, 0));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    answered,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

function lost(outgoing: ServerResponse, detail: string): void {
  if (outgoing.headersSent) return void outgoing.destroy();
  const body = JSON.stringify({ title: 'Bad Gateway', status: UPSTREAM_LOST, detail });
  outgoing.writeHead(UPSTREAM_LOST, { 'content-type': 'application/problem+json' }).end(body);
}
