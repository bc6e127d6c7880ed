import { Param, ParseUUIDPipe } from '@nestjs/common';
import { InvalidInputError } from '../problem/problem-details';

/** The `{leadId}` path segment, which must be a UUID (leads are named by UUID v5 of their email). */
export const LeadIdParam = (): ParameterDecorator =>
  Param(
    'leadId',
    new ParseUUIDPipe({
      exceptionFactory: () => new InvalidInputError([{ field: 'leadId', message: 'must be a UUID' }]),
    }),
  );
