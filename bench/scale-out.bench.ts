import { randomUUID } from 'node:crypto';
import { deletePrefix } from '../test/projections/support/temp-read-stores';
import { DATABASE_URL, dropSchema, tempSchema } from '../test/support/temp-postgres';
import {
  API_MAIN,
  freePort,
  startProgram,
  startServer,
  stopProgram,
  WORKER_MAIN,
  type Program,
} from '../test/support/processes';
import { compared, type Figure } from './support/figures';
import {
  CONNECTIONS,
  drive,
  keyHeaders,
  latency,
  SERVER_LOG_LEVEL,
  withServer,
  type Load,
} from './support/http-load';
import { tempDir } from './support/temp-dir';
import { progress } from './support/timing';

// 7. Scale-out on shared servers: HTTP captures/s with one and with three API processes (and a worker) on
// PostgreSQL and Redis, the 50 connections spread evenly over the APIs, as a load balancer would. On one
// machine the APIs share its cores with PostgreSQL, Redis, the worker and the load generator: the figure
// says what a second and third process add here, not what three machines would do.

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

export async function scaleOutBench(options: { seconds: number }): Promise<Figure[]> {
  progress(`scale-out: bare Fastify echo, ${CONNECTIONS} connections, ${options.seconds} s`);
  const echo = await withServer('bench/support/echo-server.ts', {}, (origin) =>
    drive(origin, options.seconds, (i) => ({
      path: '/echo',
      body: JSON.stringify({ email: `e${i}@bench.test`, source: 'bench' }),
    })),
  );
  const one = await capturesOn(1, options.seconds);
  const three = await capturesOn(3, options.seconds);
  const shape = 'API + worker on PostgreSQL and Redis';
  return [
    compared(
      'scale-out.capture.postgres.1-api',
      `HTTP POST /leads, 1 ${shape}`,
      one.rps,
      'requests/s',
      { name: 'bare Fastify JSON echo', value: echo.rps },
      { notes: `${latency(one)}; echo ${latency(echo)}` },
    ),
    compared(
      'scale-out.capture.postgres.3-apis',
      `HTTP POST /leads, 3 APIs + worker on PostgreSQL and Redis`,
      three.rps,
      'requests/s',
      { name: 'one API process, same run', value: one.rps },
      { notes: latency(three) },
    ),
  ];
}

/** Captures/s over `apis` API processes on a fresh PostgreSQL schema and Redis prefix, with one worker. */
async function capturesOn(apis: number, seconds: number): Promise<Load> {
  const dir = tempDir('scale-out');
  const schema = tempSchema('bench');
  const prefix = `bench:${randomUUID()}:`;
  const env = {
    LEADGER_DATA_DIR: dir.path,
    LOG_LEVEL: SERVER_LOG_LEVEL,
    LEADGER_EVENTSTORE: 'postgres',
    DATABASE_URL,
    LEADGER_PG_SCHEMA: schema,
    REDIS_URL,
    LEADGER_REDIS_PREFIX: prefix,
    LEADGER_RATE_LIMIT_PER_MINUTE: '100000000',
  };
  const apiEnv = {
    ...env,
    LEADGER_PROJECTOR: 'off',
    LEADGER_POLICIES_RUNNER: 'off',
    LEADGER_WEBHOOKS_RUNNER: 'off',
  };
  const programs: Program[] = [];
  try {
    // The first API makes the schema and the bootstrap admin key; the others start on them.
    const ports = await Promise.all(Array.from({ length: apis }, () => freePort()));
    programs.push(await startServer(API_MAIN, ports[0], apiEnv));
    programs.push(...(await Promise.all(ports.slice(1).map((port) => startServer(API_MAIN, port, apiEnv)))));
    programs.push(startProgram(WORKER_MAIN, env));
    const origins = ports.map((port) => `http://127.0.0.1:${port}`);
    const headers = await keyHeaders(origins[0], dir.path, ['service', 'marketing']);
    progress(
      `scale-out: POST /leads over ${apis} API process(es) on PostgreSQL, ${CONNECTIONS} connections, ${seconds} s`,
    );
    const loads = await Promise.all(
      origins.map((origin, index) =>
        drive(
          origin,
          seconds,
          (i) => ({
            path: '/leads',
            body: JSON.stringify({ email: `s${index}-${i}@bench.test`, source: 'bench' }),
          }),
          headers,
          undefined,
          Math.floor(CONNECTIONS / apis) + (index < CONNECTIONS % apis ? 1 : 0),
        ),
      ),
    );
    return {
      rps: loads.reduce((sum, load) => sum + load.rps, 0),
      p50: Math.max(...loads.map((load) => load.p50)),
      p99: Math.max(...loads.map((load) => load.p99)),
      non2xx: loads.reduce((sum, load) => sum + load.non2xx, 0),
      errors: loads.reduce((sum, load) => sum + load.errors, 0),
    };
  } finally {
    await Promise.all(programs.map(stopProgram));
    await dropSchema(schema);
    await deletePrefix(REDIS_URL, prefix);
    dir.remove();
  }
}
