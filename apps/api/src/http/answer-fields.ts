import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// One decorator per kind of answer field, so every answer class documents a kind the same way. Answers are
// documented here, not validated: these describe what the API sends, and the contract e2e test checks them
// against real answers.

export interface AnswerFieldOptions {
  /** Left out of some answers; the description says when. */
  readonly optional?: boolean;
  /** Sent as null in some answers; the description says when. */
  readonly nullable?: boolean;
  readonly description?: string;
  readonly example?: unknown;
}

type Schema = Record<string, unknown>;

function answerField(options: AnswerFieldOptions, schema: Schema): PropertyDecorator {
  const { optional, nullable, description, example } = options;
  const doc = { description, example, ...(nullable ? { nullable } : {}), ...schema };
  return optional ? ApiPropertyOptional(doc) : ApiProperty(doc);
}

/** A bigint as JSON carries it: a decimal string (stream revisions, `$all` positions). */
export const decimalPattern = '^\\d+$';

/** A lead stream revision, from 0; send it back as If-Match. */
export function Revision(options: AnswerFieldOptions = {}): PropertyDecorator {
  return answerField({ example: '3', ...options }, { type: String, pattern: decimalPattern });
}

/** A position in the global log; pass it as `?after=` to a read-model query. */
export function Position(options: AnswerFieldOptions = {}): PropertyDecorator {
  return answerField({ example: '1042', ...options }, { type: String, pattern: decimalPattern });
}

/** An ISO-8601 moment as the API writes it (UTC, e.g. 2026-03-01T09:30:00.000Z). */
export function Moment(options: AnswerFieldOptions = {}): PropertyDecorator {
  return answerField(options, { type: String, format: 'date-time' });
}

export function Uuid(options: AnswerFieldOptions = {}): PropertyDecorator {
  return answerField(options, { type: String, format: 'uuid' });
}

export function Email(options: AnswerFieldOptions = {}): PropertyDecorator {
  return answerField(options, { type: String, format: 'email' });
}

export function Label(options: AnswerFieldOptions = {}): PropertyDecorator {
  return answerField(options, { type: String });
}

export function Choice(values: readonly string[], options: AnswerFieldOptions = {}): PropertyDecorator {
  return answerField(options, { type: String, enum: [...values] });
}

/** A list of free-text names (an owner's teams). */
export function Labels(options: AnswerFieldOptions = {}): PropertyDecorator {
  return answerField(options, { type: String, isArray: true });
}

export function Choices(values: readonly string[], options: AnswerFieldOptions = {}): PropertyDecorator {
  return answerField(options, { type: String, isArray: true, enum: [...values] });
}

/** How many of something. */
export function Count(options: AnswerFieldOptions = {}): PropertyDecorator {
  return answerField(options, { type: 'integer', minimum: 0 });
}

export function Integer(options: AnswerFieldOptions = {}): PropertyDecorator {
  return answerField(options, { type: 'integer' });
}

/** Money in the organisation's currency, to the cent. */
export function Money(options: AnswerFieldOptions = {}): PropertyDecorator {
  return answerField(options, { type: Number, minimum: 0 });
}

/** A duration in milliseconds; a mean or a median may have a fraction. */
export function Millis(options: AnswerFieldOptions = {}): PropertyDecorator {
  return answerField(options, { type: Number });
}

/** A share from 0 to 1. */
export function Ratio(options: AnswerFieldOptions = {}): PropertyDecorator {
  return answerField(options, { type: Number, minimum: 0, maximum: 1 });
}

export function Flag(options: AnswerFieldOptions = {}): PropertyDecorator {
  return answerField(options, { type: Boolean });
}

/** An object documented by its own answer class. */
export function Part(type: () => new () => object, options: AnswerFieldOptions = {}): PropertyDecorator {
  return answerField(options, { type: () => type() });
}

/** A JSON object whose keys the answer does not fix. */
export function OpenObject(options: AnswerFieldOptions = {}): PropertyDecorator {
  return answerField(options, { type: 'object', additionalProperties: true });
}

/** A list of objects documented by their own answer class. */
export function ListOf(type: () => new () => object, options: AnswerFieldOptions = {}): PropertyDecorator {
  return answerField(options, { type: () => [type()] });
}
