import autocannon from 'autocannon';
import { leadIdFor } from '@leadger/lead-domain';
import { freePort, runTs, stop, untilUp } from './support/child';
import { compared, type Figure } from './support/figures';
import { tempDir } from './support/temp-dir';
import { progress } from './support/timing';

// 2. HTTP commands/s and latency at 50 connections against the API as `npm start` runs it (embedded stores,
// projector inline), beside a bare Fastify JSON echo route started the same way, in its own process too.

const CONNECTIONS = 50;
const ENGAGED_LEADS = 1000;
const json = { 'content-type': 'application/json', 'x-actor': 'bench' };

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
          headers: json,
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
  env: NodeJS.ProcessEnv,
  work: (origin: string) => Promise<T>,
): Promise<T> {
  const port = await freePort();
  const child = runTs(file, { ...env, PORT: String(port) });
  child.stdout?.resume();
  try {
    await untilUp(`http://127.0.0.1:${port}/health`);
    return await work(`http://127.0.0.1:${port}`);
  } finally {
    await stop(child);
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
  const dir = tempDir('http');
  try {
    const env = { LEADGER_DATA_DIR: dir.path, LOG_LEVEL: 'warn', REDIS_URL: '' };
    const [captures, engagements] = await withServer('apps/api/src/main.ts', env, async (origin) => {
      progress(`http: POST /leads (CaptureLead), ${CONNECTIONS} connections, ${options.seconds} s`);
      const capture = await drive(origin, options.seconds, (i) => ({
        path: '/leads',
        body: JSON.stringify({ email: `h${i}@bench.test`, source: 'bench' }),
      }));
      progress(`http: POST /leads/{id}/engagements on ${ENGAGED_LEADS} leads, ${options.seconds} s`);
      const engagement = await drive(origin, options.seconds, (i) => ({
        path: `/leads/${leadIdFor(`h${i % ENGAGED_LEADS}@bench.test`)}/engagements`,
        body: JSON.stringify({ kind: 'web_visit', scoreDelta: 1 }),
      }));
      return [capture, engagement];
    });
    const baseline = { name: 'bare Fastify JSON echo', value: echo.rps, unit: 'requests/s' };
    const target = (load: Load) => ({
      text: '≥ 30 % of echo, p99 < 20 ms',
      met: load.rps >= 0.3 * echo.rps && load.p99 < 20 && load.non2xx + load.errors === 0,
    });
    const echoNote = `echo ${latency(echo)}`;
    return [
      compared('HTTP POST /leads', captures.rps, 'requests/s', baseline, {
        target: target(captures),
        notes: `${latency(captures)}; ${echoNote}`,
      }),
      compared('HTTP POST /leads/{id}/engagements', engagements.rps, 'requests/s', baseline, {
        target: target(engagements),
        notes: latency(engagements),
      }),
    ];
  } finally {
    dir.remove();
  }
}
