import { Agent, request } from 'node:http';

/** An HTTP answer: status and parsed JSON body (undefined when empty). */
export interface HttpReply {
  readonly status: number;
  readonly body: unknown;
}

export interface HttpClient {
  /** Rejects when no complete answer arrives (connection refused or reset, timeout). */
  post(path: string, headers: Readonly<Record<string, string>>, body: object): Promise<HttpReply>;
  get(path: string): Promise<HttpReply>;
  close(): void;
}

/** A keep-alive client over real sockets to 127.0.0.1:`port`, at most `connections` at once. */
export function httpClient(port: number, connections: number): HttpClient {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const send = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    new Promise<HttpReply>((resolve, reject) => {
      const outgoing = request(
        { host: '127.0.0.1', port, method, path, headers, agent, timeout: 30_000 },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => {
            // A reply cut short by a dying server ends without `complete`: that is no answer.
            if (!incoming.complete) return reject(new Error('answer cut short'));
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: incoming.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
            } catch (error) {
              reject(error);
            }
          });
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error('request timed out')));
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  return {
    post: (path, headers, body) => {
      const text = JSON.stringify(body);
      return send(
        'POST',
        path,
        {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(text)),
        },
        text,
      );
    },
    get: (path) => send('GET', path, {}),
    close: () => agent.destroy(),
  };
}
