/** One field a client got wrong: the JSON path and what is expected of it. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** The media type of every error answer (RFC 9457). */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** RFC 9457 problem details, the body of every error answer. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: readonly FieldError[];
  readonly [extension: string]: unknown;
}

/** Input that failed DTO validation; carries every field error at once. */
export class InvalidInputError extends Error {
  readonly code = 'invalid_input';

  constructor(readonly errors: readonly FieldError[]) {
    super(`invalid input: ${errors.map((error) => `${error.field}: ${error.message}`).join('; ')}`);
    this.name = 'InvalidInputError';
  }

  problemFields(): Record<string, unknown> {
    return { errors: this.errors };
  }
}
