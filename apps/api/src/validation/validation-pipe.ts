import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { InvalidInputError, type FieldError } from '../problem/problem-details';

/** Nested class-validator errors as flat `path: message` pairs, e.g. `utm.source`. */
export function fieldErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/**
 * Strict body validation: unknown fields are refused, types are not coerced, every field error is reported
 * at once, and a body that is not a JSON object is refused as a whole.
 */
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) =>
        new InvalidInputError(
          fieldErrors(errors).map((error) =>
            error.message.endsWith('should not exist')
              ? { ...error, message: 'is not a known field' }
              : error,
          ),
        ),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'body') return super.transform(value, metadata);
    // No body at all reads as `{}`, so `POST /leads/{id}/accept` needs none.
    const body = value === undefined ? {} : value;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new InvalidInputError([{ field: 'body', message: 'must be a JSON object' }]);
    }
    return super.transform(body, metadata);
  }
}
