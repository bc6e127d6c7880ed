import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { access, rolesFor, type Operation } from '@leadger/identity';
import { documentRequestId } from './logging/request-id.openapi';
import { PROBLEM_MEDIA_TYPE } from './problem/problem-details';
import { ProblemDetailsDto } from './problem/problem-details.dto';
import { getAbsoluteFSPath } from 'swagger-ui-dist';

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Leadger API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div><script src="/docs/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui' });</script></body></html>`;

type Schemas = NonNullable<OpenAPIObject['components']>['schemas'];

/**
 * The OpenAPI document, built from the controllers' decorators. Facts no decorator states are added here:
 * who may call each operation (bearer tokens, and the roles of the roles table, the same table the access
 * guard reads), and that every request body refuses unknown fields (StrictValidationPipe), so their schemas
 * are closed.
 */
export function openApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Leadger')
    .setDescription(
      'Event-sourced lead lifecycle engine. Commands are POSTed to /leads and /leads/{leadId}/{action}, an ' +
        'owner of the roster is PUT to /owners/{ownerId}; ' +
        'errors are application/problem+json (RFC 9457). Revisions and positions are decimal strings.',
    )
    .setVersion('0.1.0')
    .addServer('/', 'The server that serves this document.')
    .addTag(
      'lead commands',
      'One POST per lifecycle command; each answers the lead stage, revision and position.',
    )
    .addTag('lead queries', "A lead's current state and its history of events.")
    .addTag('read models', 'Funnel, pipeline, nurture queue and handoff ledger; `?after=` reads your writes.')
    .addTag('health', 'Whether the stores answer and the projector runs.')
    .addTag('keys', 'API keys, for admins.')
    .addTag('owners', 'The owner roster routing and SLA escalation read, kept by admins and sales managers.')
    .addTag('policies', 'The rules in force (the policies file) and their version.')
    .addTag('metrics', 'Prometheus metrics of this process, for operators and scrapers.')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        description:
          'An API key (`lgr_…`, issued by an admin: `POST /keys`, `leadger keys create`) or, where OIDC is set ' +
          'up, a JWT from the identity provider.',
      },
      BEARER,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config);
  secureOperations(document);
  closeRequestBodies(document);
  documentRequestId(document);
  return document;
}

const BEARER = 'bearer';

/**
 * Every operation of the roles table needs a bearer token with one of its roles: said in `security`, in
 * its description, and by its 401, 403 and 429 answers. The rest (health) is open.
 */
function secureOperations(document: OpenAPIObject): void {
  const problem = (description: string) => ({
    description,
    content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
  });
  for (const path of Object.values(document.paths)) {
    for (const operation of [path.get, path.put, path.post, path.patch, path.delete]) {
      if (!operation) continue;
      const id = operation.operationId;
      if (id === undefined || !(id in access)) {
        operation.security = [];
        continue;
      }
      const roles = rolesFor(id as Operation);
      operation.security = [{ [BEARER]: [] }];
      operation.description = [operation.description, `Roles: ${roles.join(', ')}.`]
        .filter(Boolean)
        .join('\n\n');
      operation.responses['401'] ??= {
        ...problem('No bearer token, or one that proves nothing.'),
        headers: {
          'WWW-Authenticate': { description: '`Bearer`.', required: true, schema: { type: 'string' } },
        },
      };
      operation.responses['403'] ??= problem(
        `The token's roles do not include ${roles.join(' or ')}, or the lead is not theirs.`,
      );
      operation.responses['429'] ??= {
        ...problem('Too many requests from this caller this minute.'),
        headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'string' } } },
      };
    }
  }
}

/** Sets `additionalProperties: false` on every schema a request body names, and on those they name. */
function closeRequestBodies(document: OpenAPIObject): void {
  const schemas: Schemas = document.components?.schemas ?? {};
  const closed = new Set<string>();
  const close = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
      const name = ref.slice('#/components/schemas/'.length);
      const schema = schemas[name];
      if (closed.has(name) || !schema || '$ref' in schema) return;
      closed.add(name);
      schema.additionalProperties = false;
      close(schema);
      return;
    }
    Object.values(node).forEach(close);
  };
  for (const path of Object.values(document.paths)) {
    for (const operation of [path.get, path.put, path.post, path.patch, path.delete]) {
      const body = operation?.requestBody;
      if (body && 'content' in body) close(body.content);
    }
  }
}

/**
 * The OpenAPI document at /openapi.json (and .yaml) and Swagger UI at /docs. The UI's two assets are served
 * here rather than through @fastify/static, whose ES-module dependencies Jest cannot load.
 */
export function setUpOpenApi(app: NestFastifyApplication): void {
  SwaggerModule.setup('docs', app, () => openApiDocument(app), {
    ui: false,
    raw: ['json', 'yaml'],
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
  });
  const fastify = app.getHttpAdapter().getInstance();
  const asset = (file: string) => readFileSync(join(getAbsoluteFSPath(), file));
  const assets = { 'swagger-ui.css': 'text/css', 'swagger-ui-bundle.js': 'application/javascript' };
  fastify.get('/docs', (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
  for (const [file, type] of Object.entries(assets)) {
    let body: Buffer | undefined;
    fastify.get(`/docs/${file}`, (_request, reply) => reply.type(type).send((body ??= asset(file))));
  }
}
