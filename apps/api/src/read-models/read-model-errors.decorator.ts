import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ProblemDetailsDto } from '../problem/problem-details.dto';

/** The refusals every read-model route shares, documented once. */
export function ReadModelErrors(): MethodDecorator {
  return applyDecorators(
    ApiResponse({ status: 400, type: ProblemDetailsDto, description: 'A bad parameter, named in `errors`.' }),
    ApiResponse({
      status: 503,
      type: ProblemDetailsDto,
      description: 'The read model did not reach `after` within LEADGER_READ_WAIT_MS, or its store is down.',
    }),
  );
}
