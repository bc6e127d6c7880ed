import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import {
  API_MAIN,
  freePort,
  WORKER_MAIN,
  startProgram,
  startServer,
  stopProgram,
} from '../test/support/processes';
import { authCost } from './support/auth-cost';
import { compared, type Figure } from './support/figures';
import { tempDir } from './support/temp-dir';
import { progress } from './support/timing';

// 2. HTTP commands/s and latency at 50 connections against the API on the embedded stores, in both deployment
// shapes, beside a bare Fastify JSON echo route started the same way, in its own process too.

const CONNECTIONS = 50;
const ENGAGED_LEADS = 1000;
const json = { 'content-type': 'application/json' };

interface Load {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
}

const WARM_UP_SECONDS = 2;

/**
 * Drives POSTs at `url` with CONNECTIONS connections: a warm-up (JIT, caches, first files) that is not
 * counted, then `seconds` measured; `path` and `body` vary per request.
 */
async function drive(
  origin: string,
  seconds: number,
  next: (i: number) => { path: string; body: string },
  headers: Readonly<Record<string, string>> = json,
): Promise<Load> {
  let i = 0;
  const run = (duration: number) =>
    autocannon({
      url: origin,
      connections: CONNECTIONS,
      duration,
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

async function withServer<T>(
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

const latency = (load: Load) =>
  `p50 ${load.p50} ms, p99 ${load.p99} ms${load.non2xx + load.errors > 0 ? `, ${load.non2xx} non-2xx, ${load.errors} errors` : ''}`;

export async function httpBench(options: { seconds: number }): Promise<Figure[]> {
  progress(`http: bare Fastify echo, ${CONNECTIONS} connections, ${options.seconds} s`);
  const echo = await withServer('bench/support/echo-server.ts', {}, (origin) =>
    drive(origin, options.seconds, (i) => ({
      path: '/echo',
      body: JSON.stringify({ email: `e${i}@bench.test`, source: 'bench' }),
    })),
  );
  const baseline = { name: 'bare Fastify JSON echo', value: echo.rps, unit: 'requests/s' };
  const target = (load: Load) => ({
    text: '≥ 30 % of echo, p99 < 20 ms',
    met: load.rps >= 0.3 * echo.rps && load.p99 < 20 && load.non2xx + load.errors === 0,
  });
  const figures: Figure[] = [];
  for (const shape of shapes) {
    const [captures, engagements] = await commandLoad(shape, options.seconds);
    figures.push(
      compared(`HTTP POST /leads, ${shape.name}`, captures.rps, 'requests/s', baseline, {
        target: target(captures),
        notes: figures.length === 0 ? `${latency(captures)}; echo ${latency(echo)}` : latency(captures),
      }),
      compared(`HTTP POST /leads/{id}/engagements, ${shape.name}`, engagements.rps, 'requests/s', baseline, {
        target: target(engagements),
        notes: latency(engagements),
      }),
    );
  }
  const perRequestUs = 1e6 / figures[0].value;
  figures.push(await authCost(perRequestUs));
  return figures;
}

/**
 * The two deployment shapes on the embedded stores: `npm start` (the projector inside the API process), and
 * the API with the worker (projector and policies) in a process of its own, as production runs them.
 */
const shapes = [
  { name: 'all-in-one (npm start)', projector: 'inline' },
  { name: 'API + worker', projector: 'worker' },
] as const;

async function commandLoad(shape: (typeof shapes)[number], seconds: number): Promise<[Load, Load]> {
  const dir = tempDir('http');
  // The rate limit stays in the request path, set far above what one machine can send.
  const env = {
    LEADGER_DATA_DIR: dir.path,
    LOG_LEVEL: 'warn',
    REDIS_URL: '',
    LEADGER_RATE_LIMIT_PER_MINUTE: '100000000',
  };
  const worker = shape.projector === 'worker' ? startProgram(WORKER_MAIN, env) : undefined;
  try {
    const apiEnv = { ...env, LEADGER_PROJECTOR: shape.projector === 'inline' ? 'inline' : 'off' };
    return await withServer(API_MAIN, apiEnv, async (origin) => {
      const headers = { ...json, authorization: `Bearer ${await serviceKey(origin, dir.path)}` };
      progress(`http: POST /leads (CaptureLead), ${shape.name}, ${CONNECTIONS} connections, ${seconds} s`);
      const capture = await drive(
        origin,
        seconds,
        (i) => ({ path: '/leads', body: JSON.stringify({ email: `h${i}@bench.test`, source: 'bench' }) }),
        headers,
      );
      const engaged = await leadIds(origin, headers);
      progress(`http: POST /leads/{id}/engagements on ${ENGAGED_LEADS} leads, ${shape.name}, ${seconds} s`);
      const engagement = await drive(
        origin,
        seconds,
        (i) => ({
          path: `/leads/${engaged[i % engaged.length]}/engagements`,
          body: JSON.stringify({ kind: 'web_visit', scoreDelta: 1 }),
        }),
        headers,
      );
      return [capture, engagement];
    });
  } finally {
    if (worker) await stopProgram(worker);
    dir.remove();
  }
}

/** A key with the service and marketing roles, made with the bootstrap admin key as a newcomer would. */
async function serviceKey(origin: string, dataDir: string): Promise<string> {
  const admin = readFileSync(join(dataDir, 'admin.token'), 'utf8').trim();
  const reply = await fetch(`${origin}/keys`, {
    method: 'POST',
    headers: { ...json, authorization: `Bearer ${admin}` },
    body: JSON.stringify({ name: 'bench', roles: ['service', 'marketing'] }),
  });
  if (reply.status !== 201) throw new Error(`POST /keys answered ${reply.status}: ${await reply.text()}`);
  return ((await reply.json()) as { token: string }).token;
}

/** The ids of the leads the engagements go to: the first captured ones, found again by capturing them. */
async function leadIds(origin: string, headers: Readonly<Record<string, string>>): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < ENGAGED_LEADS; i += CONNECTIONS) {
    const batch = Array.from({ length: Math.min(CONNECTIONS, ENGAGED_LEADS - i) }, async (_, j) => {
      const body = JSON.stringify({ email: `h${i + j}@bench.test`, source: 'bench' });
      const reply = await fetch(`${origin}/leads`, { method: 'POST', headers, body });
      return ((await reply.json()) as { leadId: string }).leadId;
    });
    ids.push(...(await Promise.all(batch)));
  }
  return ids;
}
