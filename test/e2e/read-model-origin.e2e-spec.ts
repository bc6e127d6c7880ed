import { randomUUID } from 'node:crypto';
import { deletePrefix, REDIS_URL } from '../projections/support/temp-read-stores';
import { capture, type Answer, type Reply } from '../support/lead-api';
import { bodies, uniqueEmail } from '../support/lead-journeys';
import { startTestApp, type TestApp } from '../support/test-app';

// `npm start` on a fresh data dir against a Redis that already holds read models of another log (an
// earlier run, another deployment on the same prefix): positions start at 1 again, so the stored
// checkpoints look ahead of the new log. The read models must be rebuilt from the new log — not answer
// `?after=1` at once with the old log's leads — and readiness must say what happened.

jest.setTimeout(60_000);

interface Funnel {
  readonly position: string | null;
  readonly total: { readonly reached: { readonly lead: number } };
  readonly groups: readonly { readonly key: string | null }[];
}

const prefix = `test:${randomUUID()}:`;
const shared = { REDIS_URL, LEADGER_REDIS_PREFIX: prefix, LEADGER_READ_WAIT_MS: '3000' };
afterAll(() => deletePrefix(REDIS_URL, prefix));

async function captureFrom(api: TestApp, source: string): Promise<string> {
  const reply = await capture(api.app, { ...bodies.capture(uniqueEmail(source)), source });
  expect(reply.statusCode).toBe(201);
  return reply.json<Answer>().position;
}

const get = (api: TestApp, url: string): Promise<Reply> =>
  api.app.inject({ method: 'GET', url, headers: api.auth });

describe('two runs on fresh data dirs against one Redis prefix', () => {
  it('the second run’s read models hold its own lead only, and readiness says they were rebuilt', async () => {
    const first = await startTestApp(undefined, shared);
    let firstPosition: string;
    try {
      const position = (firstPosition = await captureFrom(first, 'first-run'));
      const funnel = await get(first, `/funnel?groupBy=source&after=${position}`);
      expect(funnel.json<Funnel>().groups.map((g) => g.key)).toEqual(['first-run']);
    } finally {
      await first.dispose();
    }

    const second = await startTestApp(undefined, shared);
    try {
      // The new log's positions start again: the capture has the very position the first run's had.
      const position = await captureFrom(second, 'second-run');
      expect(position).toBe(firstPosition);
      const funnel = await get(second, `/funnel?groupBy=source&after=${position}`);
      expect(funnel.statusCode).toBe(200);
      expect(funnel.json<Funnel>()).toMatchObject({ position, total: { reached: { lead: 1 } } });
      expect(funnel.json<Funnel>().groups.map((g) => g.key)).toEqual(['second-run']);

      const ready = await get(second, '/health/ready');
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({
        info: {
          projector: {
            status: 'up',
            mismatch: {
              action: 'rebuilt',
              readModels: expect.arrayContaining([
                expect.objectContaining({ projection: 'funnel', reason: 'another_log' }),
              ]),
            },
          },
        },
      });
    } finally {
      await second.dispose();
    }
  });

  it('with LEADGER_READ_MODEL_MISMATCH=refuse, a third run leaves them alone and is not ready', async () => {
    const third = await startTestApp(undefined, { ...shared, LEADGER_READ_MODEL_MISMATCH: 'refuse' });
    try {
      const position = await captureFrom(third, 'third-run');
      // Not answered from the other log's read models: they have not reached this log's position.
      const funnel = await get(third, `/funnel?after=${position}`);
      expect(funnel.statusCode).toBe(503);
      expect(funnel.json()).toMatchObject({ title: 'Read model behind' });

      const ready = await get(third, '/health/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({
        error: {
          readModels: { status: 'down', message: expect.stringMatching(/another event store/) },
          projector: {
            status: 'down',
            state: 'refused',
            lastError: expect.stringMatching(/another event store/),
            mismatch: { action: 'refused' },
          },
        },
      });
    } finally {
      await third.dispose();
    }
  });

  it('an API whose projector runs elsewhere (LEADGER_PROJECTOR=off) is not ready on them either', async () => {
    const api = await startTestApp(undefined, { ...shared, LEADGER_PROJECTOR: 'off' });
    try {
      const ready = await get(api, '/health/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({
        info: { projector: { status: 'up', state: 'off' } },
        error: {
          readModels: {
            status: 'down',
            message: expect.stringMatching(/read model funnel was built from another event store/),
            mismatches: expect.arrayContaining([
              expect.objectContaining({ projection: 'funnel', reason: 'another_log' }),
            ]),
          },
        },
      });
    } finally {
      await api.dispose();
    }
  });
});
