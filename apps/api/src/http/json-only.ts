import type { FastifyInstance } from 'fastify';
import { ProblemDetailsFilter } from '../problem/problem-details.filter';

const json = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Commands are JSON only. Nest registers form and text parsers of its own, so a request with a body of
 * another media type is answered 415 here, before any parser runs. A request without a body passes.
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const hasBody =
      Number(request.headers['content-length'] ?? 0) > 0 ||
      request.headers['transfer-encoding'] !== undefined;
    if (!hasBody || json.test(request.headers['content-type'] ?? '')) return done();
    const problem = {
      type: 'about:blank',
      title: 'Unsupported Media Type',
      status: 415,
      detail: `send the body as application/json, not ${request.headers['content-type'] ?? 'without a content type'}`,
    };
    void reply.status(415).header('content-type', ProblemDetailsFilter.contentType).send(problem);
  });
}
