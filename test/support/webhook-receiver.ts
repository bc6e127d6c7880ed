import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a receiver got. */
export interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly at: number;
}

/**
 * What the receiver does with the n-th request (from 0): answer a status, `hang` (never answer: the
 * sender times out), or `reset` (close the connection without an answer).
 */
export type Behaviour = (request: Received, index: number) => number | 'hang' | 'reset';

export interface Receiver {
  readonly url: string;
  readonly received: Received[];
  /** Resolves once `count` requests have come. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A real HTTP server on a loopback port, recording every request it gets. */
export async function startReceiver(behaviour: Behaviour): Promise<Receiver> {
  const received: Received[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const got: Received = {
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      const index = received.push(got) - 1;
      for (const waiter of waiters.filter((w) => received.length >= w.count)) waiter.resolve();
      const action = behaviour(got, index);
      if (action === 'hang') return void hanging.add(response);
      if (action === 'reset') return void request.socket.destroy();
      response.writeHead(action, { 'content-type': 'text/plain' }).end(String(action));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    waitFor: (count, timeoutMs = 20_000) =>
      received.length >= count
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(
              () =>
                reject(
                  new Error(`the receiver got ${received.length} requests, not ${count}, in ${timeoutMs} ms`),
                ),
              timeoutMs,
            );
            waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
          }),
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The `data.eventId`s of the messages a receiver got so far, as a function to call again and again: each
 * body is parsed once, so a test waiting for the last few events does not starve the receiver (in its own
 * process) of the time to answer, which would make deliveries time out that it did receive.
 */
export function eventIdsReceived(receiver: Receiver): () => ReadonlySet<string> {
  const ids = new Set<string>();
  let parsed = 0;
  return () => {
    for (; parsed < receiver.received.length; parsed++) {
      const message = JSON.parse(receiver.received[parsed].body) as { data: { eventId: string } };
      ids.add(message.data.eventId);
    }
    return ids;
  };
}
