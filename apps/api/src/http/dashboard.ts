import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_MEDIA_TYPE } from '../problem/problem-details';

/** Where the dashboard is served; `/` sends a browser there. */
export const DASHBOARD_PATH = '/app/';

const types: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The built dashboard (`npm run build:dashboard`, run by `npm ci`) at /app/, open without a token: the page
 * holds no data, and every figure it shows is read from the API with the token the user pastes. Without a
 * build (a checkout installed with --ignore-scripts) /app/ answers a 503 problem saying how to build it.
 *
 * A handful of files served by hand rather than with @fastify/static: that plugin's content-disposition 3
 * is ESM-only, which Node loads but Jest's module runtime cannot, so the e2e tests could not start the app.
 */
export function serveDashboard(fastify: FastifyInstance, root = dashboardBuild()): void {
  fastify.get('/', (_request, reply) => reply.redirect(DASHBOARD_PATH));
  fastify.get('/app', (_request, reply) => reply.redirect(DASHBOARD_PATH));
  const built = root !== null && existsSync(join(root, 'index.html'));
  const serve = built ? fileFrom(root) : notBuilt;
  fastify.get(DASHBOARD_PATH, serve);
  fastify.get(`${DASHBOARD_PATH}*`, serve);
}

/** Files of the build by path; hashed assets are cached for good, the page itself is always revalidated. */
function fileFrom(root: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const wanted = (request.params as { '*'?: string })['*'] || 'index.html';
    const file = normalize(join(root, wanted));
    const type = types[extname(file)];
    if (!file.startsWith(root + sep) || !type) return notFound(reply);
    const body = await readFile(file).catch(() => null);
    if (!body) return notFound(reply);
    const immutable = wanted.startsWith('assets/');
    return reply
      .type(type)
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .send(body);
  };
}

function notFound(reply: FastifyReply) {
  return reply.code(404).type(PROBLEM_MEDIA_TYPE).send({
    type: 'about:blank',
    title: 'Not Found',
    status: 404,
    detail: 'no such file in the dashboard',
  });
}

function notBuilt(_request: FastifyRequest, reply: FastifyReply) {
  return reply.code(503).type(PROBLEM_MEDIA_TYPE).send({
    type: 'about:blank',
    title: 'Service Unavailable',
    status: 503,
    detail: 'the dashboard is not built: run `npm run build:dashboard` (npm ci runs it)',
  });
}

/** `dist-dashboard` in the project root: the nearest folder above this file with a package.json. */
function dashboardBuild(): string | null {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist-dashboard');
  }
  return null;
}
