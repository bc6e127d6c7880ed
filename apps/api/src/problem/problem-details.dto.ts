import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { access, roles } from '@leadger/identity';
import { leadCommandTypes, stages } from '@leadger/lead-domain';
import { Choice, Choices, Label, ListOf, Moment, Position, Uuid } from '../http/answer-fields';
import { PROBLEM_MEDIA_TYPE, type FieldError, type ProblemDetails } from './problem-details';

class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'amount' }) readonly field: string;
  @ApiProperty({ example: 'amount must not be less than 0' }) readonly message: string;
}

/** RFC 9457 problem details, for the OpenAPI document; the extensions are those `ProblemDetailsFilter` adds. */
export class ProblemDetailsDto implements ProblemDetails {
  [extension: string]: unknown;
  @ApiProperty({
    format: 'uri-reference',
    example: 'https://leadger.dev/problems/illegal_transition',
    description: 'A URI naming the kind of problem; `about:blank` when the status says it all.',
  })
  readonly type: string;
  @ApiProperty({ example: 'Illegal transition' }) readonly title: string;
  @ApiProperty({ type: 'integer', example: 409 }) readonly status: number;
  @ApiProperty({ example: 'AcceptLead is not allowed when the lead is in stage "lead"; allowed: …' })
  readonly detail: string;

  @ListOf(() => FieldErrorDto, { optional: true, description: '400: every field that was wrong.' })
  readonly errors?: readonly FieldError[];

  @Choice(leadCommandTypes, {
    optional: true,
    description:
      'The refused command: 404 for a lead never captured, 409 illegal transition, 422 invalid value.',
  })
  readonly command?: string;
  @Choice(stages, { optional: true, description: '409 illegal transition: the current stage.' })
  readonly stage?: string;
  @Choices(leadCommandTypes, {
    optional: true,
    description: '409 illegal transition: the commands allowed now.',
  })
  readonly allowed?: readonly string[];
  @Label({ optional: true, example: 'note', description: '422 invalid value: the field at fault.' })
  readonly field?: string;
  @Moment({
    optional: true,
    description: "422 out of time: the command's occurredAt, refused with `notBefore` or `notAfter`.",
  })
  readonly occurredAt?: string;
  @Moment({
    optional: true,
    description: "422 out of time: the lead's latest event; occurredAt may not be earlier.",
  })
  readonly notBefore?: string;
  @Moment({
    optional: true,
    description: '422 out of time: now plus the clock tolerance; occurredAt may not be later.',
  })
  readonly notAfter?: string;

  @Label({
    optional: true,
    example: 'deleted',
    description: "409 webhook state: the subscription's (`deleted`) or the delivery's (`pending`) state.",
  })
  readonly currentState?: string;
  @Uuid({ optional: true, description: '412: the lead whose revision moved on.' })
  readonly leadId?: string;
  @Label({
    optional: true,
    example: 'bob',
    description: '412: the owner whose revision moved on; 404: the owner not in the roster.',
  })
  readonly ownerId?: string;
  @Label({
    optional: true,
    example: 'lead-6f1c…',
    description: '409 concurrent modification: the stream that was appended to meanwhile.',
  })
  readonly stream?: string;
  @Label({
    optional: true,
    example: '3',
    description:
      '412: the revision If-Match named; 409 concurrent modification: the revision the append expected ' +
      '(a revision, or no_stream / stream_exists / any).',
  })
  readonly expectedRevision?: string;
  @Label({
    optional: true,
    example: '5',
    description: "412 and 409 concurrent modification: the stream's revision now (no_stream when none).",
  })
  readonly currentRevision?: string;

  @Choice(Object.keys(access), { optional: true, description: '403: the operation refused.' })
  readonly operation?: string;
  @Choices(roles, { optional: true, description: '403: the roles that may call it.' })
  readonly requiredRoles?: readonly string[];

  @Label({ optional: true, description: '422 key reused: the Idempotency-Key.' })
  readonly idempotencyKey?: string;
  @Choice([...leadCommandTypes, 'SetOwner'], {
    optional: true,
    description: '422 key reused: the command that key answered first.',
  })
  readonly firstCommand?: string;

  @Position({ optional: true, description: '503 read model behind: the `after` asked for.' })
  readonly after?: string;
  @Position({
    optional: true,
    nullable: true,
    description: '503 read model behind: where the read model stands (null before its first event).',
  })
  readonly position?: string | null;
}

/**
 * One refusal an operation may answer: problem+json with `ProblemDetails`, and `Retry-After` on a 503 (the
 * filter adds it to every 503).
 */
export function ProblemResponse(status: number, description: string): MethodDecorator {
  const retryAfter =
    status === 503
      ? {
          headers: {
            'Retry-After': {
              description: 'Seconds to wait before retrying.',
              required: true,
              schema: { type: 'integer', minimum: 0, example: 1 },
            },
          },
        }
      : {};
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ApiResponse({
      status,
      description,
      content: {
        [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } },
      },
      ...retryAfter,
    }),
  );
}
