import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { send, storedEventCount, type Headers } from '../../support/lead-api';
import { bodies, leadAt, uniqueEmail } from '../../support/lead-journeys';
import { withTestApp } from '../../support/with-test-app';

// Every kind of bad input a client can send gets a problem+json answer with the right status, names what
// was wrong, and appends nothing. Never a 500.

/** Lead ids by stage; `disqualified` holds that lead's email instead, `unknown` a segment that is no UUID. */
type Leads = Readonly<Record<'lead' | 'handedOff' | 'sql' | 'lost' | 'disqualified' | 'unknown', string>>;
type Payload = object | string;
type Request = (leads: Leads) => {
  readonly method?: 'GET' | 'POST';
  readonly url: string;
  readonly payload?: Payload;
  readonly headers?: Headers;
};
interface Expected {
  readonly status: number;
  readonly problem: object;
}
type Case = readonly [name: string, request: Request, expected: Expected];

const json = { 'content-type': 'application/json' };
const long = (length: number) => 'x'.repeat(length);
const unknownLead = '00000000-0000-4000-8000-000000000000';

/** `POST /leads` with a payload that would capture a new lead if it got through. */
const intake =
  (payload: Payload, headers: Headers = {}): Request =>
  () => ({ url: '/leads', payload, headers });
const capture = (fields: object = {}) => intake({ ...bodies.capture(uniqueEmail('bad')), ...fields });
/** A capture as raw JSON text with `extra` members after a valid email and source. */
const captureText = (extra: string) => intake(`{"email":"${uniqueEmail()}","source":"w",${extra}}`, json);
/** `POST /leads/{id}/{action}` on the lead at `at`. */
const on =
  (at: keyof Leads, action: string, payload: Payload = {}, headers: Headers = {}): Request =>
  (leads) => ({ url: `/leads/${leads[at]}/${action}`, payload, headers });
const lead = (action: string, payload?: Payload) => on('lead', action, payload);
const pending = (action: string, payload?: Payload) => on('handedOff', action, payload);
const sql = (action: string, payload?: Payload) => on('sql', action, payload);
/** A raw JSON text sent to the lead at `at`. */
const raw = (at: keyof Leads, action: string, text: string) => on(at, action, text, json);
/** MarkMarketingQualified on a lead in stage lead, with `fields` over a valid body. */
const mql = (fields: object = {}) => lead('mql', { ...bodies.mql, ...fields });
/** A valid MarkMarketingQualified with one header set. */
const header = (name: string, value: string | undefined) => on('lead', 'mql', bodies.mql, { [name]: value });
const post =
  (url: (leads: Leads) => string, payload: Payload = bodies.mql): Request =>
  (leads) => ({ url: url(leads), payload });
const get =
  (path: (leads: Leads) => string): Request =>
  (leads) => ({ method: 'GET', url: path(leads) });
const history = (query: string) => get((leads) => `/leads/${leads.lead}/history?${query}`);
const without = (body: object, field: string) =>
  Object.fromEntries(Object.entries(body).filter(([key]) => key !== field));

const invalid = (field: string): Expected => ({
  status: 400,
  problem: { errors: expect.arrayContaining([expect.objectContaining({ field })]) },
});
const illegal = (stage: string): Expected => ({
  status: 409,
  problem: { stage, detail: expect.stringContaining(`in stage "${stage}"`) },
});
const unprocessable = (field: string): Expected => ({ status: 422, problem: { field } });
const refused = (status: number): Expected => ({ status, problem: {} });
/** A reason outside its set in force: 422 naming `reason`, the detail listing the set. */
const notInForce = (command: string): Expected => ({
  status: 422,
  problem: {
    command,
    field: 'reason',
    detail: expect.stringMatching(/: reason must be one of \w+(, \w+)+$/),
  },
});

const body: readonly Case[] = [
  ['malformed JSON', intake('{"email":', json), invalid('body')],
  ['JSON with a trailing comma', raw('lead', 'mql', '{"score":72,"reason":"x",}'), invalid('body')],
  ['NaN, which JSON has no word for', raw('sql', 'won', '{"amount":NaN}'), invalid('body')],
  ['an empty body declared as JSON', raw('lead', 'mql', ''), invalid('body')],
  ['a JSON array for a body', raw('lead', 'mql', '[]'), invalid('body')],
  ['a JSON string for a body', intake('"ann@example.com"', json), invalid('body')],
  ['a JSON null for a body', raw('lead', 'mql', 'null'), invalid('body')],
  ['a JSON number for a body', raw('lead', 'mql', '42'), invalid('body')],
  ['a body over 64 KiB', capture({ note: long(65 * 1024) }), refused(413)],
  ['a text/plain body', intake('email=ann', { 'content-type': 'text/plain' }), refused(415)],
  ['a form body', intake('email=ann', { 'content-type': 'application/x-www-form-urlencoded' }), refused(415)],
  ['a body without a content type', intake(JSON.stringify(bodies.capture(uniqueEmail()))), refused(415)],
  ['a __proto__ key', captureText('"__proto__":{"admin":true}'), invalid('body')],
  ['a nested __proto__ key', captureText('"utm":{"__proto__":{"admin":true}}'), invalid('body')],
  ['a constructor.prototype key', captureText('"constructor":{"prototype":{"admin":true}}'), invalid('body')],
];

const fields: readonly Case[] = [
  // Wrong types
  ['an email that is a number', capture({ email: 42 }), invalid('email')],
  ['a score sent as a string', mql({ score: '72' }), invalid('score')],
  ['a fractional score', mql({ score: 72.5 }), invalid('score')],
  ['a boolean score delta', lead('engagements', { kind: 'call', scoreDelta: true }), invalid('scoreDelta')],
  ['an owner that is a number', lead('handoff', { toOwner: 7 }), invalid('toOwner')],
  ['a recycle flag "yes"', sql('lost', { reason: 'pricing', recycle: 'yes' }), invalid('recycle')],
  ['utm as a string', capture({ utm: 'linkedin' }), invalid('utm')],
  ['utm as an array', capture({ utm: [] }), invalid('utm')],
  ['a first name that is an object', capture({ firstName: { given: 'Ann' } }), invalid('firstName')],
  ['an amount sent as a string', sql('won', { amount: '100' }), invalid('amount')],
  // Missing required fields
  ['a capture without email', intake(without(bodies.capture(''), 'email')), invalid('email')],
  ['a capture without source', intake(without(bodies.capture(uniqueEmail()), 'source')), invalid('source')],
  ['an mql without score', lead('mql', { reason: 'x' }), invalid('score')],
  ['a handoff without owner', lead('handoff', {}), invalid('toOwner')],
  ['a qualify without need', lead('qualify', without(bodies.qualify, 'need')), invalid('need')],
  ['a reject without reason', pending('reject', {}), invalid('reason')],
  ['a lost without reason', sql('lost', { recycle: false }), invalid('reason')],
  ['a disqualify without reason', lead('disqualify', {}), invalid('reason')],
  ['an engagement without kind', lead('engagements', { scoreDelta: 1 }), invalid('kind')],
  // Unknown fields
  ['an unknown field', capture({ score: 99 }), invalid('score')],
  ['an unknown nested field', capture({ utm: { source: 'x', channel: 'y' } }), invalid('utm.channel')],
  ['a field on a command that takes none', pending('accept', { owner: 'eve' }), invalid('owner')],
  // Dates
  ['an occurredAt on February 30', mql({ occurredAt: '2026-02-30T10:00:00Z' }), invalid('occurredAt')],
  ['an occurredAt at hour 25', mql({ occurredAt: '2026-03-01T25:00:00Z' }), invalid('occurredAt')],
  ['an occurredAt without a time zone', mql({ occurredAt: '2026-03-01T10:00:00' }), invalid('occurredAt')],
  ['an occurredAt without a time', mql({ occurredAt: '2026-03-01' }), invalid('occurredAt')],
  ['a revisitAt in words', pending('reject', { ...bodies.reject, revisitAt: 'soon' }), invalid('revisitAt')],
  ['an SLA due date in epoch ms', lead('handoff', { toOwner: 'bob', slaDueAt: 1e12 }), invalid('slaDueAt')],
  // Amounts and numbers
  ['a negative deal amount', lead('qualify', { ...bodies.qualify, amount: -1 }), invalid('amount')],
  ['a negative budget', lead('qualify', { ...bodies.qualify, budget: -500 }), invalid('budget')],
  ['an amount with three decimals', sql('won', { amount: 10.001 }), invalid('amount')],
  ['an Infinity amount', raw('sql', 'stage', '{"stage":"evaluation","amount":1e400}'), invalid('amount')],
  ['an amount over a trillion', sql('won', { amount: 1e13 }), invalid('amount')],
  ['an amount "NaN"', sql('won', { amount: 'NaN' }), invalid('amount')],
  ['a score over 1000', mql({ score: 1001 }), invalid('score')],
  // Closed sets
  ['an unknown engagement kind', lead('engagements', { kind: 'tweet', scoreDelta: 1 }), invalid('kind')],
  ['an unknown opportunity stage', sql('stage', { stage: 'closing' }), invalid('stage')],
  ['re-engaging to sql', lead('reengage', { toStage: 'sql' }), invalid('toStage')],
  ['an unknown capture channel', capture({ via: 'carrier_pigeon' }), invalid('via')],
  // Strings
  ['an email that is not one', capture({ email: 'not-an-email' }), invalid('email')],
  ['an email over 254 characters', capture({ email: `${long(250)}@example.com` }), invalid('email')],
  ['a source over 200 characters', capture({ source: long(201) }), invalid('source')],
  ['a phone over 40 characters', capture({ phone: long(41) }), invalid('phone')],
  ['a note over 2000 characters', lead('engagements', { kind: 'call', note: long(2001) }), invalid('note')],
  ['an empty reason', mql({ reason: '' }), invalid('reason')],
  // Reasons: text here; whether it is one of the set in force is the domain's to say (below)
  ['a reject reason that is a number', pending('reject', { reason: 3 }), invalid('reason')],
  ['an empty lost reason', sql('lost', { reason: '' }), invalid('reason')],
  ['a disqualify reason over 200 characters', lead('disqualify', { reason: long(201) }), invalid('reason')],
];

const routes: readonly Case[] = [
  ['a lead id that is not a UUID', on('unknown', 'mql', bodies.mql), invalid('leadId')],
  ['a lead id with a suffix', post((leads) => `/leads/${leads.lead}0/mql`), invalid('leadId')],
  ['GET of a lead id that is not a UUID', get(() => '/leads/ann'), invalid('leadId')],
  ['a URL with broken percent-encoding', post(() => '/leads/%FF/mql'), invalid('url')],
  ['a command on an unknown lead', post(() => `/leads/${unknownLead}/mql`), refused(404)],
  ['GET of an unknown lead', get(() => `/leads/${unknownLead}`), refused(404)],
  ['the history of an unknown lead', get(() => `/leads/${unknownLead}/history`), refused(404)],
  ['an unknown action', lead('promote'), refused(404)],
  ['a history page of 0', history('limit=0'), invalid('limit')],
  ['a history page of 1001', history('limit=1001'), invalid('limit')],
  ['a negative history start', history('fromRevision=-1'), invalid('fromRevision')],
  [
    'a history start past the 64-bit revisions',
    history('fromRevision=9223372036854775808'),
    invalid('fromRevision'),
  ],
  // Transitions the stage does not allow, and values only the domain can judge
  ['accepting a lead never handed off', lead('accept'), illegal('lead')],
  ['winning a lead that is no deal', lead('won'), illegal('lead')],
  ['qualifying before sales accepted', pending('qualify', bodies.qualify), illegal('mql')],
  ['reason other without a note', pending('reject', { reason: 'other' }), unprocessable('note')],
  ['reassigning to the current owner', pending('reassign', { toOwner: 'bob' }), unprocessable('toOwner')],
  ['moving the deal to the stage it is in', sql('stage', { stage: 'prospecting' }), unprocessable('stage')],
  // Reasons outside the sets in force (GET /policies), refused listing them
  ['an unknown reject reason', pending('reject', { reason: 'meh' }), notInForce('RejectLead')],
  ['an unknown lost reason', sql('lost', { reason: 'bored' }), notInForce('CloseLost')],
  ['an unknown disqualify reason', lead('disqualify', { reason: 'ugly' }), notInForce('DisqualifyLead')],
  ['an unknown recycle reason', on('lost', 'recycle', { reason: 'whatever' }), notInForce('RecycleLead')],
];

const headers: readonly Case[] = [
  ['a blank X-On-Behalf-Of', header('x-on-behalf-of', '   '), invalid('X-On-Behalf-Of')],
  ['an X-On-Behalf-Of of 201 characters', header('x-on-behalf-of', long(201)), invalid('X-On-Behalf-Of')],
  [
    'an X-On-Behalf-Of with a control character',
    header('x-on-behalf-of', 'ann\x7f'),
    invalid('X-On-Behalf-Of'),
  ],
  ['an Idempotency-Key with a space', header('idempotency-key', 'a b'), invalid('Idempotency-Key')],
  ['an Idempotency-Key of 201 characters', header('idempotency-key', long(201)), invalid('Idempotency-Key')],
  ['an empty Idempotency-Key', header('idempotency-key', ''), invalid('Idempotency-Key')],
  ['an If-Match that is no revision', header('if-match', 'abc'), invalid('If-Match')],
  ['a negative If-Match', header('if-match', '"-1"'), invalid('If-Match')],
  ['an If-Match beyond 64 bits', header('if-match', '9223372036854775808'), invalid('If-Match')],
  ['a stale If-Match', header('if-match', '"7"'), refused(412)],
  ['an X-Correlation-Id with a space', header('x-correlation-id', 'flow 7'), invalid('X-Correlation-Id')],
];

describe('bad input', () => {
  let app: NestFastifyApplication;
  let leads: Leads;

  withTestApp((started) => {
    app = started;
  });

  beforeAll(async () => {
    const disqualified = uniqueEmail('disqualified');
    await leadAt(app, 'disqualified', disqualified);
    const [atLead, handedOff, atSql, lost] = await Promise.all(
      (['lead', 'handedOff', 'sql', 'lost'] as const).map((stage) => leadAt(app, stage)),
    );
    leads = { lead: atLead, handedOff, sql: atSql, lost, disqualified, unknown: 'not-a-uuid' };
  });

  describe.each([
    ['in the body as a whole', body],
    ['in a field', fields],
    ['in the route or the lead state', routes],
    ['in a header', headers],
  ])('%s', (_group, cases) => {
    it.each(cases)('%s', async (_name, request, expected) => {
      const before = await storedEventCount(app);
      const reply = await send(app, { method: 'POST', ...request(leads) });
      expect({ status: reply.statusCode, type: reply.headers['content-type'] }).toEqual({
        status: expected.status,
        type: 'application/problem+json; charset=utf-8',
      });
      expect(reply.json()).toMatchObject({
        status: expected.status,
        title: expect.any(String),
        ...expected.problem,
      });
      expect(await storedEventCount(app)).toBe(before);
    });
  });
});
