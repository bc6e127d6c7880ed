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

/**
 * The OpenAPI document, built from the controllers' decorators. The API has no authentication yet: `security:
 * []` says so, where a linter would otherwise read the missing requirement as forgotten.
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
    .build();
  return SwaggerModule.createDocument(app, { ...config, security: [] });
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
