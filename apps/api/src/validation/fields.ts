import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';

// One decorator per kind of field, so every DTO validates and documents a kind the same way.

interface FieldOptions {
  readonly optional?: boolean;
  /** With `optional`: null is taken as well, as "none" (class-validator's IsOptional lets both through). */
  readonly nullable?: boolean;
  readonly description?: string;
  readonly example?: unknown;
}

function documented(options: FieldOptions, schema: Record<string, unknown>): PropertyDecorator {
  const nullable = options.nullable ? { nullable: true } : {};
  const doc = { description: options.description, example: options.example, ...nullable, ...schema };
  return options.optional ? applyDecorators(ApiPropertyOptional(doc), IsOptional()) : ApiProperty(doc);
}

/** Free text, trimmed by the domain; `max` keeps one request from storing a novel. */
export function Text(options: FieldOptions & { readonly max?: number } = {}): PropertyDecorator {
  const max = options.max ?? 200;
  return applyDecorators(
    documented(options, { type: String, minLength: 1, maxLength: max }),
    IsString(),
    MinLength(1),
    MaxLength(max),
  );
}

/** Longer free text: notes, needs. */
export function Note(options: FieldOptions = {}): PropertyDecorator {
  return Text({ ...options, max: 2000 });
}

/** A list of short names (an owner's teams): each 1-100 characters, at most `maxItems` of them. */
export function Names(options: FieldOptions & { readonly maxItems?: number } = {}): PropertyDecorator {
  const maxItems = options.maxItems ?? 50;
  return applyDecorators(
    documented(options, {
      type: 'array',
      items: { type: 'string', minLength: 1, maxLength: 100 },
      maxItems,
    }),
    IsArray({ message: '$property must be an array' }),
    ArrayMaxSize(maxItems),
    IsString({ each: true }),
    MinLength(1, { each: true }),
    MaxLength(100, { each: true }),
  );
}

/** A value from a closed set. */
export function OneOf(values: readonly string[], options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    documented(options, { enum: [...values], type: String }),
    IsIn(values, { message: `$property must be one of ${values.join(', ')}` }),
  );
}

/** Money in the organisation's currency: finite, zero or more, at most two decimals. */
export function Amount(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    documented(options, { type: Number, minimum: 0, maximum: 1e12 }),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    AtMostTwoDecimals(),
    Min(0),
    Max(1e12),
  );
}

/** class-validator's own `maxDecimalPlaces` throws on numbers it prints with an exponent, such as 1e-7. */
function AtMostTwoDecimals(): PropertyDecorator {
  return ValidateBy({
    name: 'atMostTwoDecimals',
    validator: {
      validate: (value: unknown) => typeof value !== 'number' || decimalPlaces(value) <= 2,
      defaultMessage: () => '$property must have at most two decimals',
    },
  });
}

/** Decimals of the number as JavaScript prints it: 10.001 → 3, 1.5e-7 → 8. */
function decimalPlaces(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return 0;
  const [mantissa, exponent = '0'] = value.toString().split('e');
  return Math.max(0, (mantissa.split('.')[1]?.length ?? 0) - Number(exponent));
}

/** A whole number within bounds (scores, score deltas). */
export function Integer(min: number, max: number, options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    documented(options, { type: 'integer', minimum: min, maximum: max }),
    IsInt(),
    Min(min),
    Max(max),
  );
}

export function Flag(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(documented(options, { type: Boolean }), IsBoolean());
}

const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO-8601 date-time with a zone, e.g. 2026-03-01T09:30:00Z; checked to be a real calendar moment. */
export function Timestamp(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    documented(options, { type: String, format: 'date-time' }),
    IsString(),
    Matches(isoDateTime, {
      message: '$property must be an ISO-8601 date-time with a time zone, e.g. 2026-03-01T09:30:00Z',
    }),
    IsRealDate(),
  );
}

/** A nested object validated by its own DTO class; ValidateNested alone would let an array through. */
export function Nested(type: () => new () => object, options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    // Named `type`, Swagger takes the function as a lazy type, as it does `type: () => UtmDto`.
    documented(options, { type: () => type() }),
    IsObject({ message: '$property must be an object' }),
    ValidateNested(),
    Type(type),
  );
}

function IsRealDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isRealDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isRealMoment(value),
      defaultMessage: () => '$property is not a real calendar date',
    },
  });
}

/** Rejects 2026-02-30 and 25:00, which Date would silently roll over. */
function isRealMoment(value: string): boolean {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return false;
  const [, year, month, day, hour, minute] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value) ?? [];
  const calendar = new Date(
    Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute)),
  );
  return (
    calendar.getUTCFullYear() === Number(year) &&
    calendar.getUTCMonth() === Number(month) - 1 &&
    calendar.getUTCDate() === Number(day) &&
    calendar.getUTCHours() === Number(hour) &&
    calendar.getUTCMinutes() === Number(minute)
  );
}
