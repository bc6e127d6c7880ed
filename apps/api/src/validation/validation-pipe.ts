import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { InvalidInputError, type FieldError } from '../problem/problem-details';
import { malformedStrings } from './well-formed';

/** Nested class-validator errors as flat `path: message` pairs, e.g. `utm.source`. */
export function fieldErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    // An absent field fails every check of its kind ("must be a string", "must be longer than…"); that it
    // is missing is the one thing to say. Optional fields go unchecked when absent: this is a required one.
    if (error.value === undefined) return [{ field, message: 'is required' }];
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/** Bodies nest two levels at most (`utm`); class-transformer recurses per level and overflows the stack. */
const MAX_BODY_DEPTH = 8;

/** Whether `value` nests objects or arrays more than `depth` levels deep; recurses `depth` levels at most. */
function nestedDeeperThan(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth === 0) return true;
  return Object.values(value).some((child) => nestedDeeperThan(child, depth - 1));
}

/**
 * Strict validation of bodies, queries and path parameters: text that is not well-formed Unicode is refused
 * first, unknown fields are refused, types are not coerced, every field error is reported at once, and a
 * body that is not a JSON object is refused as a whole.
 */
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      // The value tells a missing field from a wrong one; it never leaves in an answer.
      validationError: { target: false, value: true },
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
    // Custom parameters (the command headers) are read and checked by their own decorators.
    if (metadata.type === 'custom') return super.transform(value, metadata);
    const input = metadata.type === 'body' ? wholeBody(value) : value;
    // Before any validator sees the text: some (isEmail) throw on a lone surrogate instead of refusing it.
    const root = metadata.type === 'param' ? (metadata.data ?? 'path') : metadata.type;
    const malformed = malformedStrings(input, root);
    if (malformed.length > 0) throw new InvalidInputError(malformed);
    return super.transform(input, metadata);
  }
}

/** The body as an object, or the reason it cannot be one. */
function wholeBody(value: unknown): object {
  // No body at all reads as `{}`, so `POST /leads/{id}/accept` needs none.
  const body = value === undefined ? {} : value;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidInputError([{ field: 'body', message: 'must be a JSON object' }]);
  }
  if (nestedDeeperThan(body, MAX_BODY_DEPTH)) {
    throw new InvalidInputError([
      { field: 'body', message: `must not nest more than ${MAX_BODY_DEPTH} levels` },
    ]);
  }
  return body;
}
