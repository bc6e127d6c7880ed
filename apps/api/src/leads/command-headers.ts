import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { rolesFor } from '@leadger/identity';
import type { CommandContext } from '@leadger/lead-application';
import type { FastifyRequest } from 'fastify';
import { callerOf, type Caller } from '../auth/caller';
import { ForbiddenError } from '../auth/forbidden';
import { commandAuthorizer } from '../auth/lead-access';
import { InvalidInputError, type FieldError } from '../problem/problem-details';
import { isWellFormed, NOT_WELL_FORMED } from '../validation/well-formed';

// Exported for the OpenAPI document (lead-action.decorator.ts), so it states the very rules checked here.
export const headerPatterns = {
  /** Idempotency-Key and X-Correlation-Id: 1-200 visible ASCII characters. */
  token: /^[\x21-\x7e]{1,200}$/,
  /** X-On-Behalf-Of, once trimmed: control characters would corrupt audit output and log lines. */
  // eslint-disable-next-line no-control-regex
  actorText: /^[^\x00-\x1f\x7f]{1,200}$/,
  /** If-Match: a revision (of a lead, or an owner), quoted or not, weak or not. */
  revision: /^(?:W\/)?"?(\d{1,19})"?$/,
};
const { token, actorText, revision } = headerPatterns;

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * The command's context: the authenticated caller as its actor, and the headers X-On-Behalf-Of,
 * Idempotency-Key, If-Match and X-Correlation-Id, naming every bad one at once.
 */
export function commandContextOf(
  request: FastifyRequest,
  caller: Caller = callerOf(request),
): CommandContext {
  const errors: FieldError[] = [];
  const onBehalfOf = header(request, 'x-on-behalf-of')?.trim();
  if (onBehalfOf !== undefined) {
    if (!onBehalfOf)
      errors.push({ field: 'X-On-Behalf-Of', message: 'must name the person, or be left out' });
    else if (!isWellFormed(onBehalfOf)) errors.push({ field: 'X-On-Behalf-Of', message: NOT_WELL_FORMED });
    else if (!actorText.test(onBehalfOf))
      errors.push({ field: 'X-On-Behalf-Of', message: 'must be 1-200 printable characters' });
  }
  const commandId = header(request, 'idempotency-key');
  if (commandId !== undefined && !token.test(commandId)) {
    errors.push({ field: 'Idempotency-Key', message: 'must be 1-200 visible ASCII characters' });
  }
  const correlationId = header(request, 'x-correlation-id');
  if (correlationId !== undefined && !token.test(correlationId)) {
    errors.push({ field: 'X-Correlation-Id', message: 'must be 1-200 visible ASCII characters' });
  }
  const ifMatch = header(request, 'if-match');
  const expected = ifMatch === undefined ? undefined : revision.exec(ifMatch.trim())?.[1];
  if (ifMatch !== undefined && (expected === undefined || BigInt(expected) > 2n ** 63n - 1n)) {
    errors.push({ field: 'If-Match', message: 'must be a revision, e.g. "3"' });
  }
  if (errors.length > 0) throw new InvalidInputError(errors);
  if (onBehalfOf && !caller.principal.roles.includes('service'))
    throw new ForbiddenError(
      caller.operation,
      rolesFor(caller.operation),
      'only a service may act on behalf of someone (X-On-Behalf-Of)',
    );
  return {
    actor: caller.principal.id,
    onBehalfOf: onBehalfOf || undefined,
    authorize: commandAuthorizer(caller),
    commandId,
    correlationId,
    expectedRevision: expected === undefined ? undefined : BigInt(expected),
  };
}

export const CommandHeaders = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  commandContextOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
