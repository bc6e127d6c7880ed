import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FieldError, ProblemDetails } from './problem-details';

class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'amount' }) readonly field: string;
  @ApiProperty({ example: 'amount must not be less than 0' }) readonly message: string;
}

/** RFC 9457 problem details, for the OpenAPI document. */
export class ProblemDetailsDto implements ProblemDetails {
  [extension: string]: unknown;
  @ApiProperty({ example: 'https://leadger.dev/problems/illegal_transition' }) readonly type: string;
  @ApiProperty({ example: 'Illegal transition' }) readonly title: string;
  @ApiProperty({ example: 409 }) readonly status: number;
  @ApiProperty({ example: 'AcceptLead is not allowed when the lead is in stage "lead"; allowed: …' })
  readonly detail: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'For 400: every field that was wrong.' })
  readonly errors?: readonly FieldError[];
  @ApiPropertyOptional({ example: 'lead', description: 'For 409 illegal transitions: the current stage.' })
  readonly stage?: string;
  @ApiPropertyOptional({
    type: [String],
    description: 'For 409 illegal transitions: the commands allowed now.',
  })
  readonly allowed?: readonly string[];
}
