import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';

// The published OpenAPI document as a judge of real answers: which operation a request reached, whether
// the answer's status, media type, body and headers are the ones the document promises.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/**
 * Headers of HTTP itself, and the security headers every answer carries (helmet, the same on every route,
 * named once in the README rather than on each answer), which any answer may carry without the document
 * naming them.
 */
const transportHeaders = new Set([
  'cache-control',
  'connection',
  'content-length',
  'content-type',
  'date',
  'keep-alive',
  'transfer-encoding',
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
]);

const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

interface Operation {
  readonly method: string;
  readonly template: string;
  readonly pattern: RegExp;
  readonly responses: JsonObject;
}

/** `METHOD /template`: how coverage names an operation. */
export const operationName = (method: string, template: string) => `${method.toUpperCase()} ${template}`;

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * OpenAPI 3.0 schemas as JSON Schema for Ajv: `nullable: true` becomes "or null". With `closed`, every object
 * schema that lists its properties (and says nothing of others) gets `additionalProperties: false`, so an
 * answer field the document does not name fails the check even though the published document stays open.
 */
export function asJsonSchema(node: Json, closed: boolean): Json {
  if (Array.isArray(node)) return node.map((item) => asJsonSchema(item, closed));
  if (!isObject(node)) return node;
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (!(key === 'nullable' && typeof value === 'boolean')) copy[key] = asJsonSchema(value, closed);
  }
  // OpenAPI 3.0's `exclusiveMinimum: true` beside `minimum` is JSON Schema's `exclusiveMinimum: <minimum>`.
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof node[flag] === 'boolean') {
      delete copy[flag];
      if (node[flag] === true && typeof node[bound] === 'number') {
        copy[flag] = node[bound];
        delete copy[bound];
      }
    }
  }
  const composed = 'allOf' in node || 'oneOf' in node || 'anyOf' in node || '$ref' in node;
  if (closed && isObject(node.properties) && !('additionalProperties' in node) && !composed) {
    copy.additionalProperties = false;
  }
  return node.nullable === true ? { anyOf: [{ type: 'null' }, copy] } : copy;
}

const pointer = (...segments: string[]) =>
  '#/' + segments.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

export class OpenApiContract {
  private readonly bodies = new Ajv({ strict: false, allErrors: true });
  private readonly headers = new Ajv({ strict: false, allErrors: true, coerceTypes: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly operations: readonly Operation[];
  /** Statuses seen per operation: `METHOD /template` → statuses. */
  readonly seen = new Map<string, Set<number>>();

  constructor(readonly document: JsonObject) {
    addFormats(this.bodies);
    addFormats(this.headers);
    this.bodies.addSchema(asJsonSchema(document, true) as object, 'openapi');
    this.headers.addSchema(asJsonSchema(document, false) as object, 'openapi');
    const paths = isObject(document.paths) ? document.paths : {};
    this.operations = Object.entries(paths)
      .flatMap(([template, item]) =>
        methods.flatMap((method) => {
          const operation = isObject(item) ? item[method] : undefined;
          if (!isObject(operation) || !isObject(operation.responses)) return [];
          const regex = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
          return [{ method, template, pattern: new RegExp(`^${regex}$`), responses: operation.responses }];
        }),
      )
      // A literal segment wins over a parameter: /handoffs/summary before /handoffs/{id}, were there one.
      .sort((a, b) => a.template.split('{').length - b.template.split('{').length);
  }

  /** Every operation of the document, as `METHOD /template`. */
  operationNames(): string[] {
    return this.operations.map((o) => operationName(o.method, o.template));
  }

  /**
   * What is wrong with this answer to `method url` by the document; empty when nothing. Records the
   * operation and status as seen.
   */
  check(method: string, url: string, reply: LightMyRequestResponse): string[] {
    const path = url.split('?')[0];
    const operation = this.operations.find((o) => o.method === method.toLowerCase() && o.pattern.test(path));
    const at = `${method.toUpperCase()} ${url} → ${reply.statusCode}`;
    if (!operation) return [`${at}: no operation in the document`];
    const name = operationName(operation.method, operation.template);
    this.seen.set(name, (this.seen.get(name) ?? new Set()).add(reply.statusCode));

    const status = String(reply.statusCode);
    const response = operation.responses[status] ?? operation.responses[`${status[0]}XX`];
    if (!isObject(response)) return [`${at}: status not documented`];
    const responseKey = status in operation.responses ? status : `${status[0]}XX`;
    const problems: string[] = [];

    const documentedHeaders = isObject(response.headers) ? response.headers : {};
    const byLowerName = new Map(Object.keys(documentedHeaders).map((name) => [name.toLowerCase(), name]));
    for (const [name, value] of Object.entries(reply.headers)) {
      if (transportHeaders.has(name)) continue;
      const documented = byLowerName.get(name);
      if (!documented) {
        problems.push(`${at}: header ${name} is sent but not documented`);
        continue;
      }
      const validate = this.validator(
        this.headers,
        pointer(
          'paths',
          operation.template,
          operation.method,
          'responses',
          responseKey,
          'headers',
          documented,
          'schema',
        ),
      );
      if (!validate(String(value))) problems.push(`${at}: header ${name}: ${value} ${this.errors(validate)}`);
    }
    for (const [name, header] of Object.entries(documentedHeaders)) {
      if (isObject(header) && header.required === true && reply.headers[name.toLowerCase()] === undefined) {
        problems.push(`${at}: required header ${name} is missing`);
      }
    }

    const content = isObject(response.content) ? response.content : {};
    if (reply.body.length === 0) {
      if (Object.keys(content).length > 0) problems.push(`${at}: no body, but the document describes one`);
      return problems;
    }
    const mediaType = String(reply.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    if (!(mediaType in content)) {
      return [
        ...problems,
        `${at}: media type ${mediaType} not documented (${Object.keys(content).join(', ')})`,
      ];
    }
    const validate = this.validator(
      this.bodies,
      pointer(
        'paths',
        operation.template,
        operation.method,
        'responses',
        responseKey,
        'content',
        mediaType,
        'schema',
      ),
    );
    // JSON answers are checked parsed; a text one (the metrics) as the string it is.
    const body: unknown = mediaType.endsWith('json') ? reply.json() : reply.body;
    if (!validate(body)) problems.push(`${at}: body ${this.errors(validate)}\n${reply.body}`);
    return problems;
  }

  private validator(ajv: Ajv, fragment: string): ValidateFunction {
    const key = `${ajv === this.bodies ? 'body' : 'header'} ${fragment}`;
    let validate = this.validators.get(key);
    if (!validate) this.validators.set(key, (validate = ajv.compile({ $ref: `openapi${fragment}` })));
    return validate;
  }

  private errors(validate: ValidateFunction): string {
    return (validate.errors ?? [])
      .map((error) => `${error.instancePath || '(root)'} ${error.message} ${JSON.stringify(error.params)}`)
      .join('; ');
  }
}
