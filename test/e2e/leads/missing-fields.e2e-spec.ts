import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FieldError } from '../../../apps/api/src/problem/problem-details';
import { send, storedEventCount } from '../../support/lead-api';
import { bodies, leadAt, uniqueEmail } from '../../support/lead-journeys';
import { withTestApp } from '../../support/with-test-app';

// A required field left out gets one message, "is required", instead of every check its kind makes
// ("must be a string", "must be shorter than…"); a field that is there but wrong keeps its own messages.

type At = 'lead' | 'handedOff' | 'sql';
/** A request to the lead at a stage (or to a route that names no lead) and the exact field errors. */
type Case = readonly [
  name: string,
  at: At | undefined,
  path: string,
  payload: object | undefined,
  errors: readonly FieldError[],
];

const required = (...fields: string[]) => fields.map((field) => ({ field, message: 'is required' }));
const requiredIn = (errors: readonly FieldError[]) =>
  errors.filter((error) => error.message === 'is required').map((error) => error.field);
const without = (body: object, ...fields: string[]) =>
  Object.fromEntries(Object.entries(body).filter(([key]) => !fields.includes(key)));

const missing: readonly Case[] = [
  ['a capture of nothing', undefined, '/leads', {}, required('email', 'source')],
  ['a capture without email', undefined, '/leads', { source: 'ads' }, required('email')],
  ['an mql of nothing', 'lead', 'mql', {}, required('score', 'reason')],
  ['an mql without a body at all', 'lead', 'mql', undefined, required('score', 'reason')],
  ['an mql without score', 'lead', 'mql', without(bodies.mql, 'score'), required('score')],
  ['a handoff without owner', 'lead', 'handoff', {}, required('toOwner')],
  ['a qualify without need', 'lead', 'qualify', without(bodies.qualify, 'need'), required('need')],
  [
    'a qualify of nothing',
    'lead',
    'qualify',
    {},
    required('budget', 'authority', 'need', 'timeline', 'amount'),
  ],
  ['a reject without reason', 'handedOff', 'reject', { note: 'later' }, required('reason')],
  ['a lost without reason', 'sql', 'lost', { recycle: false }, required('reason')],
  ['a disqualify of nothing', 'lead', 'disqualify', {}, required('reason')],
  ['an engagement of nothing', 'lead', 'engagements', {}, required('kind', 'scoreDelta')],
  ['a stage change of nothing', 'sql', 'stage', {}, required('stage')],
  ['a reassign of nothing', 'handedOff', 'reassign', {}, required('toOwner')],
  ['a nurture claim of nothing', undefined, '/nurture/claim', {}, required('consumer')],
];

const wrong: readonly Case[] = [
  [
    'an email that is a number',
    undefined,
    '/leads',
    { email: 42, source: 'ads' },
    [{ field: 'email', message: 'email must be an email address' }],
  ],
  [
    'a null source',
    undefined,
    '/leads',
    { email: uniqueEmail(), source: null },
    [{ field: 'source', message: 'source must be a string' }],
  ],
  [
    'a score that is a string, with the reason missing',
    'lead',
    'mql',
    { score: '72' },
    [{ field: 'score', message: 'score must be an integer number' }, ...required('reason')],
  ],
  [
    'an empty owner',
    'lead',
    'handoff',
    { toOwner: '' },
    [{ field: 'toOwner', message: 'toOwner must be longer than or equal to 1 characters' }],
  ],
];

describe('missing required fields', () => {
  let app: NestFastifyApplication;
  const leads: Partial<Record<At, string>> = {};

  withTestApp((started) => {
    app = started;
  });

  beforeAll(async () => {
    for (const stage of ['lead', 'handedOff', 'sql'] as const) leads[stage] = await leadAt(app, stage);
  });

  describe.each([
    ['when a required field is missing › one "is required" per field', missing],
    ['when a field is there but wrong › its own messages', wrong],
  ])('%s', (_group, cases) => {
    it.each(cases)('%s', async (_name, at, path, payload, errors) => {
      const before = await storedEventCount(app);
      const url = at === undefined ? path : `/leads/${leads[at]}/${path}`;
      const reply = await send(app, { method: 'POST', url, payload });
      expect({ status: reply.statusCode, type: reply.headers['content-type'] }).toEqual({
        status: 400,
        type: 'application/problem+json; charset=utf-8',
      });
      const problem = reply.json<{ errors: readonly FieldError[] }>();
      expect(problem.errors).toEqual(cases === missing ? errors : expect.arrayContaining(errors));
      // Only the fields that are absent say "is required".
      expect(requiredIn(problem.errors)).toEqual(requiredIn(errors));
      expect(await storedEventCount(app)).toBe(before);
    });
  });
});
