import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ProblemResponse } from '../problem/problem-details.dto';
import { CommandAnswer } from './command-answer';
import { headerPatterns } from './command-headers';

/** The ETag of an answer about one lead: its revision, quoted, to send back as If-Match. */
export const revisionETag = {
  ETag: {
    description: "The lead's revision, quoted; send it back as If-Match.",
    required: true,
    schema: { type: 'string', pattern: '^"\\d+"$', example: '"3"' },
  },
};

/** The headers a command route reads, with the rules `commandContextOf` checks; `subject` is what it changes. */
export function CommandHeadersDoc(subject: 'lead' | 'owner' = 'lead'): MethodDecorator {
  const text = (pattern: RegExp) => ({ type: 'string', pattern: pattern.source, maxLength: 200 });
  return applyDecorators(
    ApiHeader({
      name: 'X-On-Behalf-Of',
      required: false,
      description:
        'A service acting for a person names them here (kept as `onBehalfOf`; the actor is always the ' +
        'authenticated caller); 1-200 characters, no control characters. Only for the service role.',
      schema: { ...text(headerPatterns.actorText), example: 'ann.lee@example.com' },
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'A retry with the same key and body returns the first answer and appends nothing; the same key ' +
        `with another body is a 422. Scoped to the ${subject}.`,
      schema: {
        ...text(headerPatterns.token),
        example: `${subject === 'lead' ? 'accept' : 'put-owner'}-7f3a`,
      },
    }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: `Expected ${subject} revision, e.g. "3" (the ETag of the last answer); 412 when stale.`,
      schema: { type: 'string', pattern: headerPatterns.revision.source, example: '"3"' },
    }),
    ApiHeader({
      name: 'X-Correlation-Id',
      required: false,
      description: 'Propagated into event metadata; 1-200 visible ASCII characters.',
      schema: text(headerPatterns.token),
    }),
  );
}

/** The refusals every command route may give. */
export function CommandProblemsDoc(): MethodDecorator {
  return applyDecorators(
    ProblemResponse(400, 'Malformed input; `errors` names each field.'),
    ProblemResponse(404, 'Unknown lead.'),
    ProblemResponse(
      409,
      'Illegal transition (names the current stage and what is allowed) or a concurrent conflict.',
    ),
    ProblemResponse(410, '(EventStoreDB) the lead stream was deleted for good; do not retry.'),
    ProblemResponse(412, 'If-Match is not the current revision.'),
    ProblemResponse(
      413,
      "Body larger than 64 KiB, or (EventStoreDB) events over the server's append size limit; do not retry.",
    ),
    ProblemResponse(415, 'Body is not application/json.'),
    ProblemResponse(
      422,
      'Well-formed but not acceptable: a note missing for reason other, the same owner or stage, a reused key, ' +
        "an occurredAt before the lead's latest event or past now plus the clock tolerance, a due date not after it.",
    ),
    ProblemResponse(500, "(EventStoreDB) the server refused Leadger's credentials; do not retry."),
    ProblemResponse(503, 'The event store is unavailable; retry with the same Idempotency-Key.'),
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
    ApiOkResponse({ type: CommandAnswer, description: 'The lead after the command.', headers: revisionETag }),
    CommandHeadersDoc(),
    CommandProblemsDoc(),
  );
}
