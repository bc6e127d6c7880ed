import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { serveDashboard } from '../../../apps/api/src/http/dashboard';
import { startTestApp, type TestApp } from '../../support/test-app';

// The API serves the built dashboard at /app/ without a token, sends `/` there, and says plainly when
// there is no build to serve.

let api: TestApp;
beforeAll(async () => {
  api = await startTestApp();
});
afterAll(() => api.dispose());

const get = (url: string) => api.app.inject({ method: 'GET', url });

describe('the dashboard at /app', () => {
  it('sends / and /app to /app/', async () => {
    for (const url of ['/', '/app']) {
      const reply = await get(url);
      expect({ status: reply.statusCode, location: reply.headers.location }).toEqual({
        status: 302,
        location: '/app/',
      });
    }
  });

  it('serves the built page and its scripts without a token', async () => {
    const page = await get('/app/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(script).toBeDefined();
    const js = await get(script as string);
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
  });

  it('answers a 404 problem for a file outside the build', async () => {
    for (const url of ['/app/assets/none.js', '/app/..%2Fpackage.json']) {
      const reply = await get(url);
      expect({ url, status: reply.statusCode }).toEqual({ url, status: 404 });
    }
  });

  it('answers a 503 problem naming the build command when there is no build', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-dashboard-'));
    const fastify = Fastify();
    try {
      serveDashboard(fastify, empty);
      for (const url of ['/app/', '/app/assets/index.js']) {
        const reply = await fastify.inject({ method: 'GET', url });
        expect(reply.statusCode).toBe(503);
        expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(reply.json()).toMatchObject({
          status: 503,
          detail: expect.stringContaining('npm run build:dashboard'),
        });
      }
    } finally {
      await fastify.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
