import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { noteFailure } from '../logging/failure';
import { errorStatuses } from './error-statuses';
import type { ProblemCode } from './known-errors';
import { PROBLEM_MEDIA_TYPE, type ProblemDetails } from './problem-details';

const PROBLEM_BASE = 'https://leadger.dev/problems/';

/** Every error leaves as application/problem+json; the status comes from the error's `code` in one table. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  static readonly contentType = `${PROBLEM_MEDIA_TYPE}; charset=utf-8`;

  catch(error: unknown, host: ArgumentsHost): void {
    const problem = this.toProblem(error);
    // The request's log line tells why the server failed: a bug with its stack, an outage its message.
    if (problem.status >= 500) noteFailure(host.switchToHttp().getRequest<FastifyRequest>(), error);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    // Both 503s (a store down, a read model behind) pass quickly; tell clients when to come back.
    if (problem.status === 503) void reply.header('retry-after', '1');
    if (problem.status === 401) void reply.header('www-authenticate', 'Bearer');
    void reply.status(problem.status).header('content-type', ProblemDetailsFilter.contentType).send(problem);
  }

  toProblem(error: unknown): ProblemDetails {
    const code =
      typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
    const known =
      code !== undefined && code in errorStatuses ? errorStatuses[code as ProblemCode] : undefined;
    if (known) {
      const detail = error instanceof Error ? error.message : String(error);
      return {
        type: PROBLEM_BASE + code,
        title: known.title,
        status: known.status,
        detail,
        ...extensions(error),
      };
    }
    const status = httpStatusOf(error);
    if (status !== undefined && status < 500) {
      const detail = error instanceof Error ? error.message : 'request refused';
      // Every 400 of ours is an InvalidInputError; a plain 400 is Fastify's body parser refusing empty or
      // unparsable JSON (prototype keys included) or a wrong Content-Length, which Nest rewraps without its code.
      const errors = status === 400 ? { errors: [{ field: 'body', message: detail }] } : {};
      return { type: 'about:blank', title: titleOf(status), status, detail, ...errors };
    }
    return {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'an unexpected error; it was logged',
    };
  }
}

/** The facts a client needs to act on a refusal, in JSON-safe form: what the error says of itself. */
function extensions(error: unknown): Record<string, unknown> {
  const said = error as { problemFields?: () => Record<string, unknown> };
  return typeof said.problemFields === 'function' ? said.problemFields() : {};
}

/** Nest's HttpExceptions and Fastify's own errors (bad JSON, body too large, wrong media type) carry a status. */
function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  if (
    typeof error === 'object' &&
    error !== null &&
    'statusCode' in error &&
    typeof error.statusCode === 'number'
  ) {
    return error.statusCode;
  }
  return undefined;
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
};

function titleOf(status: number): string {
  return titles[status] ?? 'Request refused';
}
