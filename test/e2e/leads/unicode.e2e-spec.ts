import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { send, storedEventCount, type Headers } from '../../support/lead-api';
import { bodies, leadAt, uniqueEmail } from '../../support/lead-journeys';
import { withTestApp } from '../../support/with-test-app';

// A string that is not well-formed Unicode (a lone UTF-16 surrogate, which the JSON text "\ud800" parses
// to) is refused as a 400 naming the field, wherever it arrives; it never reaches a validator that chokes on
// it (500) nor the log.

const json = { 'content-type': 'application/json' };
const lone = ['\ud800', '\udfff', 'ann\ud800@example.com'];

/** A request whose `field` holds a string that is not well-formed Unicode. */
interface Case {
  readonly name: string;
  readonly url: (leadId: string) => string;
  /** Raw JSON text, so the escape `\ud800` reaches the server as the client wrote it. */
  readonly payload: string;
  readonly headers?: Headers;
  readonly field: string;
}

/** A JSON text with `\uXXXX` escapes for every UTF-16 unit outside ASCII, as a careful client writes it. */
const escaped = (body: object) =>
  JSON.stringify(body).replace(/[^\x20-\x7e]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16)}`);

const cases: readonly Case[] = [
  ...lone.map((email) => ({
    name: `a capture with email ${JSON.stringify(email)}`,
    url: () => '/leads',
    payload: escaped({ email, source: 'ads' }),
    field: 'email',
  })),
  {
    name: 'a capture with a lone surrogate in utm.source',
    url: () => '/leads',
    payload: escaped({ ...bodies.capture(uniqueEmail('utm')), utm: { source: 'li\udfffnkedin' } }),
    field: 'utm.source',
  },
  {
    name: 'a capture with a lone surrogate in a field name',
    url: () => '/leads',
    payload: escaped({ ...bodies.capture(uniqueEmail('key')), ['\ud800']: 'x' }),
    field: 'body',
  },
  {
    name: 'an mql reason with a lone surrogate',
    url: (leadId) => `/leads/${leadId}/mql`,
    payload: escaped({ score: 72, reason: 'score \ud800' }),
    field: 'reason',
  },
  {
    name: 'an engagement note with a lone surrogate',
    url: (leadId) => `/leads/${leadId}/engagements`,
    payload: escaped({ kind: 'call', scoreDelta: 1, note: '\udfff' }),
    field: 'note',
  },
  {
    name: 'a nurture claim by a consumer with a lone surrogate',
    url: () => '/nurture/claim',
    payload: escaped({ consumer: 'bot\ud800' }),
    field: 'consumer',
  },
  {
    // Only an in-process client can send this: on the wire, header bytes read as Latin-1.
    name: 'an X-On-Behalf-Of with a lone surrogate',
    url: (leadId) => `/leads/${leadId}/mql`,
    payload: JSON.stringify(bodies.mql),
    headers: { 'x-on-behalf-of': 'ann\ud800' },
    field: 'X-On-Behalf-Of',
  },
];

describe('strings that are not well-formed Unicode', () => {
  let app: NestFastifyApplication;
  let leadId: string;

  withTestApp((started) => {
    app = started;
  });

  beforeAll(async () => {
    leadId = await leadAt(app, 'lead');
  });

  it.each(cases.map((request) => [request.name, request] as const))(
    '%s is a 400 naming the field, and appends nothing',
    async (_name, request) => {
      const before = await storedEventCount(app);
      const reply = await send(app, {
        method: 'POST',
        url: request.url(leadId),
        payload: request.payload,
        headers: { ...json, ...request.headers },
      });
      expect({ status: reply.statusCode, type: reply.headers['content-type'] }).toEqual({
        status: 400,
        type: 'application/problem+json; charset=utf-8',
      });
      expect(reply.json()).toMatchObject({
        status: 400,
        errors: [{ field: request.field, message: expect.stringContaining('well-formed Unicode') }],
      });
      expect(await storedEventCount(app)).toBe(before);
    },
  );

  it('accepts well-formed text outside the Basic Multilingual Plane', async () => {
    const email = uniqueEmail('emoji');
    const reply = await send(app, {
      method: 'POST',
      url: '/leads',
      payload: escaped({ ...bodies.capture(email), firstName: 'Ann \ud83d\ude00' }),
      headers: json,
    });
    expect(reply.statusCode).toBe(201);
  });
});
