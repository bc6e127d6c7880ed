import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { getAbsoluteFSPath } from 'swagger-ui-dist';

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Leadger API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div><script src="/docs/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui' });</script></body></html>`;

type Schemas = NonNullable<OpenAPIObject['components']>['schemas'];

/**
 * The OpenAPI document, built from the controllers' decorators. Two facts no decorator can state are added
 * here: the API has no authentication yet (`security: []`, so a linter does not read it as forgotten), and
 * every request body refuses unknown fields (StrictValidationPipe), so their schemas are closed.
 */
export function openApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Leadger')
    .setDescription(
      'Event-sourced lead lifecycle engine. Commands are POSTed to /leads and /leads/{leadId}/{action}; ' +
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
    .build();
  const document = SwaggerModule.createDocument(app, { ...config, security: [] });
  closeRequestBodies(document);
  return document;
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
