import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LeadgerMetrics } from './leadger-metrics';

export interface MetricsServer {
  /** The port it listens on (the one asked for, or the one given for 0). */
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The metrics port (LEADGER_METRICS_PORT): `/metrics` and `/health/live` without a token, for a scraper on a
 * private network, in the API and in the worker alike (the worker has no other HTTP server). A plain Node
 * server, apart from the API's: nothing else is reachable on it, and no API route, rate limit or token
 * check is on its path.
 */
export async function serveMetrics(
  metrics: LeadgerMetrics,
  host: string,
  port: number,
): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(response, 405, 'only GET\n');
    if (path === '/health/live') return answer(response, 200, '{"status":"ok"}', 'application/json');
    if (path !== '/metrics') return answer(response, 404, 'only /metrics and /health/live here\n');
    metrics.scrape().then(
      (text) => answer(response, 200, text, metrics.contentType),
      (error: unknown) => answer(response, 500, `${String(error)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => closeServer(server),
  };
}

function answer(
  response: ServerResponse,
  status: number,
  body: string,
  contentType = 'text/plain; charset=utf-8',
): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // A scraper's keep-alive connection would otherwise hold the close until it times out.
    server.closeAllConnections();
  });
}
