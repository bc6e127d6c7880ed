import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

// Query-string parameters arrive as text; these decorators convert and check them, one kind each.

interface QueryFieldOptions {
  readonly description: string;
  readonly example?: unknown;
}

/** A UTC calendar day, YYYY-MM-DD; the read model checks it is a real day. */
export function Day(options: QueryFieldOptions): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ ...options, type: String, format: 'date' }),
    IsOptional(),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a day, YYYY-MM-DD' }),
  );
}

/** `true` or `false`. */
export function QueryFlag(options: QueryFieldOptions): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ ...options, type: Boolean }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) =>
      value === 'true' ? true : value === 'false' ? false : value,
    ),
    IsBoolean({ message: '$property must be true or false' }),
  );
}

/** A whole number within bounds. */
export function QueryInteger(min: number, max: number, options: QueryFieldOptions): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ ...options, type: 'integer', minimum: min, maximum: max }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(min),
    Max(max),
  );
}

/** A filter on free text: an owner, a source, a campaign. */
export function QueryText(options: QueryFieldOptions): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ ...options, type: String, maxLength: 200 }),
    IsOptional(),
    IsString(),
    MaxLength(200),
  );
}

/** The opaque `nextCursor` of a previous page. */
export function Cursor(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description: 'The `nextCursor` of the previous page.', type: String }),
    IsOptional(),
    IsString(),
    MaxLength(1000),
  );
}
