import { applyDecorators } from '@nestjs/common';
import { ProblemResponse } from '../problem/problem-details.dto';

/** The refusals every read-model route shares, documented once. */
export function ReadModelErrors(): MethodDecorator {
  return applyDecorators(
    ProblemResponse(400, 'A bad parameter, named in `errors`.'),
    ProblemResponse(
      503,
      'The read model did not reach `after` within LEADGER_READ_WAIT_MS (`after` and `position` say where it ' +
        'stands), or its store is down.',
    ),
  );
}
