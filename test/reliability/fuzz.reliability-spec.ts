import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { eventStoreOf, command as sendCommand } from '../support/lead-api';
import { bodies, leadAt, stepsTo, type Destination } from '../support/lead-journeys';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../projections/support/read-models';
import { deletePrefix, REDIS_URL } from '../projections/support/temp-read-stores';
import { fuzzCases, type FuzzCase } from './support/fuzz-cases';
import { REUSED_KEY, VALID_AUTHORIZATION } from './support/fuzz-headers';
import { routes } from './support/fuzz-routes';
import { fullMode, mode, seedFrom, sizes } from './support/mode';

// Generated bad requests to every route, in process (app.inject): wrong types, missing and unknown fields,
// huge and odd unicode strings, bad dates and numbers, malformed and non-object JSON, bad or random headers,
// bad query strings and lead ids, other methods, and valid commands sent to leads in stages that do not
// allow them. Every answer must be below 500, a problem+json when it refuses, and no refused request may
// append anything. The one 5xx the contract has is allowed, and checked: 503 "read model behind" for an
// `?after=` the log has not reached (the read models cannot catch up with a position that does not exist yet).
//
// The seed is printed with any failure; LEADGER_FUZZ_SEED=<seed> generates the same requests again. CI's
// reduced mode uses a fixed seed; `npm run test:reliability` a new one each run.

const SEED = seedFrom('LEADGER_FUZZ_SEED', fullMode ? Date.now() % 2 ** 31 : 20_261_128);
const PROBLEM_JSON = 'application/problem+json; charset=utf-8';
/** Refusals the fuzzer must provoke at least once each, to show it reaches every path. */
const REFUSALS = [400, 401, 404, 409, 412, 413, 415, 422];

interface Outcome {
  readonly status: number;
  readonly appended: bigint;
  readonly problem?: string;
}

describe.each(['embedded', 'redis'] as const)(
  `${sizes.fuzzRequests} generated bad requests to every route (%s read store, ${mode}, seed ${SEED})`,
  (readStore) => {
    let api: TestApp;
    const leadIds: string[] = [];
    // Redis: the shared server, in a key prefix of this test's own, deleted afterwards.
    const prefix = `fuzz:${randomUUID()}:`;
    const env = readStore === 'redis' ? { REDIS_URL, LEADGER_REDIS_PREFIX: prefix } : { REDIS_URL: '' };

    beforeAll(async () => {
      api = await startTestApp(undefined, { ...env, LEADGER_READ_WAIT_MS: '50' });
      // Leads in every stage, twice, named by fixed emails so a seed gives the same requests every time.
      for (const copy of [0, 1]) {
        for (const stage of Object.keys(stepsTo) as Destination[])
          leadIds.push(await leadAt(api.app, stage, `fuzz-${stage}-${copy}@example.com`));
      }
      for (const leadId of leadIds.slice()) {
        const engaged = await sendCommand(api.app, leadId, 'engagements', bodies.engagement, {
          'idempotency-key': REUSED_KEY,
        });
        expect([200, 409]).toContain(engaged.statusCode);
      }
      const head = String(await eventStoreOf(api.app).headPosition());
      await eventually('the read models to reach the fixtures', async () => {
        const health = await api.app.inject({ method: 'GET', url: '/health' });
        const positions = Object.values(
          health.json<{ info: { projector: { positions: object } } }>().info.projector.positions,
        );
        return positions.every((position) => position === head);
      });
    }, 60_000);

    afterAll(async () => {
      await api.dispose();
      if (readStore === 'redis') await deletePrefix(REDIS_URL, prefix);
    });

    it('answers every request below 500, refuses with problem+json, and appends nothing it refused', async () => {
      const started = Date.now();
      const cases = fc.sample(fuzzCases(leadIds), { seed: SEED, numRuns: sizes.fuzzRequests });
      const store = eventStoreOf(api.app);
      const first = await store.headPosition();
      const problems: string[] = [];
      const statuses = new Map<number, number>();
      const perRoute = new Map<string, number>();
      const broken = new Map<string, number>();
      let refusedOrBroken = 0;
      let appended = 0n;

      for (const [index, fuzz] of cases.entries()) {
        const outcome = await check(api, fuzz, store.headPosition.bind(store));
        statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
        perRoute.set(fuzz.route, (perRoute.get(fuzz.route) ?? 0) + 1);
        for (const label of new Set(fuzz.broken.map((what) => what.split(':')[0])))
          broken.set(label, (broken.get(label) ?? 0) + 1);
        if (fuzz.broken.length > 0 || outcome.status >= 400) refusedOrBroken++;
        appended += outcome.appended;
        if (outcome.problem) problems.push(`#${index} ${outcome.problem}\n    request: ${show(fuzz)}`);
      }

      const failed = { seed: SEED, problems: problems.slice(0, 10), count: problems.length };
      expect(failed).toEqual({ seed: SEED, problems: [], count: 0 });
      // Nothing but the events of accepted commands reached the log.
      const last = await store.headPosition();
      expect({ seed: SEED, appended: last - first }).toEqual({ seed: SEED, appended });
      expect((await store.readAll({ maxCount: Number.MAX_SAFE_INTEGER })).length).toBe(Number(last));
      // The requests were bad ones, reached every route, and provoked every kind of refusal.
      expect(refusedOrBroken).toBeGreaterThanOrEqual(
        fullMode ? 10_000 : Math.floor(sizes.fuzzRequests * 0.8),
      );
      const fewest = Math.min(...routes.map((route) => perRoute.get(route.name) ?? 0));
      expect(fewest).toBeGreaterThanOrEqual(Math.floor(sizes.fuzzRequests / routes.length / 3));
      expect(REFUSALS.filter((status) => !statuses.has(status))).toEqual([]);

      console.log(
        `fuzz (${readStore} read store, ${mode}, seed ${SEED}): ${cases.length} requests, ${refusedOrBroken} bad or refused, ` +
          `${appended} events appended by accepted commands, ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
          `  statuses: ${[...statuses]
            .sort(([a], [b]) => a - b)
            .map(([status, count]) => `${status}×${count}`)
            .join(' ')}\n` +
          `  broken: ${[...broken]
            .sort(([, a], [, b]) => b - a)
            .map(([label, count]) => `${label} ${count}`)
            .join(', ')}`,
      );
    }, 600_000);
  },
);

/** Sends one request and judges the answer against the log's head before and after it. */
async function check(api: TestApp, fuzz: FuzzCase, head: () => Promise<bigint>): Promise<Outcome> {
  const before = await head();
  const headers = Object.fromEntries(
    Object.entries(fuzz.headers).map(([name, value]) => [
      name,
      value === VALID_AUTHORIZATION ? api.auth.authorization : value,
    ]),
  );
  const reply = await api.app.inject({
    method: fuzz.method as InjectOptions['method'],
    url: fuzz.url,
    headers,
    payload: fuzz.payload,
  });
  const after = await head();
  const status = reply.statusCode;
  const appended = after - before;
  const answer = `${status} ${reply.body.slice(0, 300)}`;
  const body = parse(reply.body);
  const outcome = (problem?: string): Outcome => ({ status, appended: problem ? 0n : appended, problem });

  if (status >= 500 && !(status === 503 && behindAsDocumented(fuzz, body, after)))
    return outcome(`answered ${answer}`);
  if (status >= 400) {
    if (appended !== 0n) return outcome(`refused (${answer}) yet ${appended} events were appended`);
    if (fuzz.method === 'HEAD') return outcome();
    if (reply.headers['content-type'] !== PROBLEM_JSON || body?.status !== status)
      return outcome(`refused without problem+json: ${reply.headers['content-type']} ${answer}`);
    return outcome();
  }
  const commandAnswer = fuzz.method === 'POST' && fuzz.route !== 'POST /nurture/claim';
  const events =
    commandAnswer && Array.isArray(body?.events) && body?.replayed === false ? body.events.length : 0;
  if (BigInt(events) !== appended)
    return outcome(`answered ${answer} but the log grew by ${appended} events, not ${events}`);
  return outcome();
}

/** A 503 "read model behind" for an `?after=` the log has not reached (HEAD answers carry no body). */
function behindAsDocumented(
  fuzz: FuzzCase,
  body: Record<string, unknown> | undefined,
  head: bigint,
): boolean {
  const asked = new URLSearchParams(fuzz.url.split('?')[1] ?? '').getAll('after');
  const beyond = asked.length === 1 && /^\d{1,20}$/.test(asked[0]) && BigInt(asked[0]) > head;
  return beyond && (fuzz.method === 'HEAD' || String(body?.type).endsWith('/read_model_behind'));
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function show(fuzz: FuzzCase): string {
  const cut = (text: string | undefined) =>
    text && text.length > 300 ? `${text.slice(0, 300)}…(${text.length})` : text;
  return JSON.stringify({ ...fuzz, url: cut(fuzz.url), payload: cut(fuzz.payload) });
}
