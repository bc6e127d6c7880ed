import type { LightMyRequestResponse } from 'fastify';
import { OpenApiContract } from '../support/openapi-contract';

// The judge of the contract e2e test, judged: it must find each way an answer can differ from the document.

const document = {
  openapi: '3.0.0',
  paths: {
    '/things/{id}': {
      get: {
        responses: {
          200: {
            description: 'A thing.',
            headers: { ETag: { required: true, schema: { type: 'string', pattern: '^"\\d+"$' } } },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
          404: {
            description: 'No such thing.',
            content: { 'application/problem+json': { schema: { type: 'object', required: ['status'] } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['id', 'note'],
        properties: { id: { type: 'string', format: 'uuid' }, note: { type: 'string', nullable: true } },
      },
    },
  },
};

const id = '6f1c8c0e-5a43-4d0e-9a57-1c1f0d3b7a21';
const json = 'application/json; charset=utf-8';

function reply(statusCode: number, headers: Record<string, string>, body: unknown): LightMyRequestResponse {
  const text = body === undefined ? '' : JSON.stringify(body);
  return {
    statusCode,
    headers,
    body: text,
    json: () => JSON.parse(text),
  } as unknown as LightMyRequestResponse;
}

const check = (answer: LightMyRequestResponse, url = `/things/${id}`) =>
  new OpenApiContract(document).check('GET', url, answer).join('\n');

describe('OpenApiContract', () => {
  it('passes an answer as documented, null included where the schema is nullable', () => {
    const headers = { 'content-type': json, etag: '"3"' };
    expect(check(reply(200, headers, { id, note: 'hello' }))).toBe('');
    expect(check(reply(200, headers, { id, note: null }))).toBe('');
    expect(check(reply(404, { 'content-type': 'application/problem+json' }, { status: 404 }))).toBe('');
  });

  it.each([
    [
      'a field the document does not name',
      reply(200, { 'content-type': json, etag: '"3"' }, { id, note: null, x: 1 }),
      'additional',
    ],
    [
      'a wrong type',
      reply(200, { 'content-type': json, etag: '"3"' }, { id: 7, note: null }),
      'must be string',
    ],
    [
      'a wrong format',
      reply(200, { 'content-type': json, etag: '"3"' }, { id: 'seven', note: null }),
      'format',
    ],
    [
      'null where not nullable',
      reply(200, { 'content-type': json, etag: '"3"' }, { id: null, note: null }),
      'must be string',
    ],
    [
      'a status not documented',
      reply(500, { 'content-type': json }, { status: 500 }),
      'status not documented',
    ],
    [
      'another media type',
      reply(404, { 'content-type': json }, { status: 404 }),
      'media type application/json',
    ],
    [
      'a missing required header',
      reply(200, { 'content-type': json }, { id, note: null }),
      'required header ETag',
    ],
    [
      'a header that breaks its schema',
      reply(200, { 'content-type': json, etag: 'W/"x"' }, { id, note: null }),
      'header etag',
    ],
    [
      'a header not documented',
      reply(200, { 'content-type': json, etag: '"3"', 'x-extra': '1' }, { id, note: null }),
      'header x-extra',
    ],
  ])('finds %s', (_name, answer, problem) => {
    expect(check(answer)).toContain(problem);
  });

  it('finds a route the document does not have', () => {
    expect(check(reply(200, {}, undefined), '/nothing')).toContain('no operation in the document');
  });
});
