import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { ProblemDetailsDto } from '../problem/problem-details.dto';
import { CommandAnswer } from './command-answer';

/** The headers every command route reads. */
export function CommandHeadersDoc(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'X-Actor',
      required: true,
      description: 'Who issues the command: a user or a service.',
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'A retry with the same key returns the first answer and appends nothing.',
    }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'Expected lead revision, e.g. "3"; 412 when stale.',
    }),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'Propagated into event metadata.' }),
  );
}

/** The error answers every command route may give. */
export function CommandProblemsDoc(): MethodDecorator {
  const problem = (status: number, description: string) =>
    ApiResponse({ status, description, type: ProblemDetailsDto });
  return applyDecorators(
    problem(400, 'Malformed input; `errors` names each field.'),
    problem(404, 'Unknown lead.'),
    problem(
      409,
      'Illegal transition (names the current stage and what is allowed) or a concurrent conflict.',
    ),
    problem(412, 'If-Match is not the current revision.'),
    problem(413, 'Body larger than 64 KiB.'),
    problem(415, 'Body is not application/json.'),
    problem(
      422,
      'Well-formed but not acceptable: a note missing for reason other, the same owner or stage, a reused key.',
    ),
    problem(503, 'The event store is unavailable; retry with the same Idempotency-Key.'),
  );
}

/** `POST /leads/{leadId}/{action}`: one lifecycle command, answered 200 with the lead's new stage. */
export function LeadAction(
  action: string,
  body: new () => object,
  command: string,
  summary: string,
): MethodDecorator {
  return applyDecorators(
    Post(`:leadId/${action}`),
    HttpCode(200),
    ApiOperation({ operationId: command, summary: `${command}: ${summary}` }),
    ApiBody({ type: body }),
    ApiOkResponse({ type: CommandAnswer }),
    CommandHeadersDoc(),
    CommandProblemsDoc(),
  );
}
