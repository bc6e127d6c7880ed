import { authCost } from './support/auth-cost';
import { compared, type Figure } from './support/figures';
import {
  CONNECTIONS,
  drive,
  keyHeaders,
  latency,
  SERVER_LOG_LEVEL,
  shapes,
  withServer,
  withShape,
  type Load,
  type Shape,
} from './support/http-load';
import { progress } from './support/timing';

// 2. HTTP commands/s and latency at 50 connections against the API on the embedded stores, in both deployment
// shapes, beside a bare Fastify JSON echo route started the same way, in its own process too.

const ENGAGED_LEADS = 1000;

export async function httpBench(options: { seconds: number }): Promise<Figure[]> {
  progress(`http: bare Fastify echo, ${CONNECTIONS} connections, ${options.seconds} s`);
  const echo = await withServer('bench/support/echo-server.ts', {}, (origin) =>
    drive(origin, options.seconds, (i) => ({
      path: '/echo',
      body: JSON.stringify({ email: `e${i}@bench.test`, source: 'bench' }),
    })),
  );
  const baseline = { name: 'bare Fastify JSON echo', value: echo.rps, unit: 'requests/s' };
  // The targets, as ratios to the echo so they hold on any machine: the production shape must do more.
  const target = (shape: Shape, load: Load) => {
    const { share, p99Times } = shape.inline ? { share: 0.25, p99Times: 2.5 } : { share: 0.3, p99Times: 2 };
    return {
      text: `≥ ${share * 100} % of echo, p99 ≤ ${p99Times}× echo's (${p99Times * echo.p99} ms)`,
      met: load.rps >= share * echo.rps && load.p99 <= p99Times * echo.p99 && load.non2xx + load.errors === 0,
    };
  };
  const figures: Figure[] = [];
  for (const shape of shapes) {
    const [captures, engagements] = await commandLoad(shape, options.seconds);
    figures.push(
      compared(
        `http.capture.${shape.id}`,
        `HTTP POST /leads, ${shape.name}`,
        captures.rps,
        'requests/s',
        baseline,
        {
          target: target(shape, captures),
          notes:
            figures.length === 0
              ? `${latency(captures)}; echo ${latency(echo)}; LOG_LEVEL ${SERVER_LOG_LEVEL}`
              : latency(captures),
        },
      ),
      compared(
        `http.engagements.${shape.id}`,
        `HTTP POST /leads/{id}/engagements, ${shape.name}`,
        engagements.rps,
        'requests/s',
        baseline,
        {
          target: target(shape, engagements),
          notes: latency(engagements),
        },
      ),
    );
  }
  const perRequestUs = 1e6 / figures[0].value;
  figures.push(await authCost(perRequestUs));
  return figures;
}

async function commandLoad(shape: Shape, seconds: number): Promise<[Load, Load]> {
  return withShape(shape, {}, async (origin, dataDir) => {
    const headers = await keyHeaders(origin, dataDir, ['service', 'marketing']);
    progress(
      `http: POST /leads (CaptureLead), ${shape.name}, ${CONNECTIONS} connections, ${seconds} s, LOG_LEVEL ${SERVER_LOG_LEVEL}`,
    );
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
