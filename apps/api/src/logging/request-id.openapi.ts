import type { OpenAPIObject } from '@nestjs/swagger';

const header = {
  description:
    "The request's id, as its log line names it: the caller's X-Request-Id when it is one id (1-200 visible " +
    'ASCII characters), else a new UUID. Quote it when reporting a problem.',
  required: true,
  schema: { type: 'string' },
};

/** Every answer of every operation carries X-Request-Id (logRequests' hook): said on each response. */
export function documentRequestId(document: OpenAPIObject): void {
  for (const path of Object.values(document.paths)) {
    for (const operation of [path.get, path.put, path.post, path.patch, path.delete]) {
      for (const response of Object.values(operation?.responses ?? {})) {
        if (!response || '$ref' in response) continue;
        response.headers = { ...response.headers, 'X-Request-Id': header };
      }
    }
  }
}
