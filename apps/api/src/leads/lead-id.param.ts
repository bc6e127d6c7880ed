import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { InvalidInputError } from '../problem/problem-details';

const documented = ApiParam({
  name: 'leadId',
  description: 'The lead, as `leadId` in every answer about it.',
  schema: { type: 'string', format: 'uuid' },
});

/**
 * The `{leadId}` path segment, which must be a UUID (leads are named by UUID v5 of their email); it documents
 * itself on the route, so every route that reads it says so.
 */
export const LeadIdParam =
  (): ParameterDecorator =>
  (target: object, method: string | symbol | undefined, index: number): void => {
    Param(
      'leadId',
      new ParseUUIDPipe({
        exceptionFactory: () => new InvalidInputError([{ field: 'leadId', message: 'must be a UUID' }]),
      }),
    )(target, method, index);
    const route = method === undefined ? undefined : Object.getOwnPropertyDescriptor(target, method);
    if (method !== undefined && route) documented(target, method, route);
  };
