import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import {
  API_MAIN,
  freePort,
  startProgram,
  startServer,
  stopProgram,
  WORKER_MAIN,
} from '../../test/support/processes';
import { tempDir } from './temp-dir';

// HTTP load against the real programs, as the http and policies sections drive it.

export const CONNECTIONS = 50;
export const json = { 'content-type': 'application/json' };
const WARM_UP_SECONDS = 2;

export interface Load {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
}

/**
 * Drives POSTs at `origin` with `connections` connections (default CONNECTIONS): a warm-up (JIT, caches,
 * first files) that is not counted, then `seconds` measured; `path` and `body` vary per request. `rate` caps
 * the requests per second over all connections (default: as fast as the server answers).
 */
export async function drive(
  origin: string,
  seconds: number,
  next: (i: number) => { path: string; body: string },
  headers: Readonly<Record<string, string>> = json,
  rate?: number,
  connections = CONNECTIONS,
): Promise<Load> {
  let i = 0;
  const run = (duration: number) =>
    autocannon({
      url: origin,
      connections,
      duration,
      ...(rate ? { overallRate: rate } : {}),
      requests: [
        {
          method: 'POST',
          headers: { ...headers },
          setupRequest: (request) => ({ ...request, ...next(i++) }),
        },
      ],
    });
  await run(WARM_UP_SECONDS);
  const result = await run(seconds);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export const latency = (load: Load): string =>
  `p50 ${load.p50} ms, p99 ${load.p99} ms${load.non2xx + load.errors > 0 ? `, ${load.non2xx} non-2xx, ${load.errors} errors` : ''}`;

/** Starts the program `file` on a free port, runs `work` against it, stops it. */
export async function withServer<T>(
  file: string,
  env: Readonly<Record<string, string>>,
  work: (origin: string) => Promise<T>,
): Promise<T> {
  const port = await freePort();
  const server = await startServer(file, port, env);
  try {
    return await work(`http://127.0.0.1:${port}`);
  } finally {
    await stopProgram(server);
  }
}

/**
 * The two deployment shapes on the embedded stores: `npm start` (projector and policies inside the API
 * process), and the API with the worker (projector and policies) in a process of its own, as production runs them.
 */
export const shapes = [
  { id: 'all-in-one', name: 'all-in-one (npm start)', inline: true },
  { id: 'api-worker', name: 'API + worker', inline: false },
] as const;
export type Shape = (typeof shapes)[number];

/**
 * The servers' LOG_LEVEL: `info`, as production runs, so every request writes its log line (to a pipe this
 * process reads, as a log collector would); `LOG_LEVEL=warn npm run bench` drops those lines, so the two
 * runs give what request logging costs.
 */
export const SERVER_LOG_LEVEL = process.env.LOG_LEVEL || 'info';

/**
 * The API in `shape` on a fresh data dir (with the worker beside it when the shape has one), `env` over the
 * defaults; `work` gets its origin and data dir.
 */
export async function withShape<T>(
  shape: Shape,
  env: Readonly<Record<string, string>>,
  work: (origin: string, dataDir: string) => Promise<T>,
): Promise<T> {
  const dir = tempDir('http');
  // The rate limit stays in the request path, set far above what one machine can send.
  const common = {
    LEADGER_DATA_DIR: dir.path,
    LOG_LEVEL: SERVER_LOG_LEVEL,
    REDIS_URL: '',
    LEADGER_RATE_LIMIT_PER_MINUTE: '100000000',
    ...env,
  };
  const worker = shape.inline ? undefined : startProgram(WORKER_MAIN, common);
  try {
    const inline = shape.inline ? 'inline' : 'off';
    const apiEnv = {
      ...common,
      LEADGER_PROJECTOR: inline,
      LEADGER_POLICIES_RUNNER: inline,
      LEADGER_WEBHOOKS_RUNNER: inline,
      ...env,
    };
    return await withServer(API_MAIN, apiEnv, (origin) => work(origin, dir.path));
  } finally {
    if (worker) await stopProgram(worker);
    dir.remove();
  }
}

/** The bootstrap admin key the API wrote to the data dir, as a request header. */
export function adminHeaders(dataDir: string): Record<string, string> {
  const admin = readFileSync(join(dataDir, 'admin.token'), 'utf8').trim();
  return { ...json, authorization: `Bearer ${admin}` };
}

/** A key with `roles`, made with the bootstrap admin key as a newcomer would: the headers that carry it. */
export async function keyHeaders(
  origin: string,
  dataDir: string,
  roles: readonly string[],
): Promise<Record<string, string>> {
  const reply = await fetch(`${origin}/keys`, {
    method: 'POST',
    headers: adminHeaders(dataDir),
    body: JSON.stringify({ name: `bench-${roles.join('-')}`, roles }),
  });
  if (reply.status !== 201) throw new Error(`POST /keys answered ${reply.status}: ${await reply.text()}`);
  return { ...json, authorization: `Bearer ${((await reply.json()) as { token: string }).token}` };
}
