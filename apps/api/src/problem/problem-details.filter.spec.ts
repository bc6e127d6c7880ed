import {
  AppendTooLargeError,
  EventStoreAccessDeniedError,
  EventStoreUnavailableError,
  StreamDeletedError,
} from '@leadger/event-store';
import { ProblemDetailsFilter } from './problem-details.filter';

describe('ProblemDetailsFilter: event-store errors', () => {
  const filter = new ProblemDetailsFilter();

  it('answers an outage 503, the one answer that tells the client to retry with the same key', () => {
    const problem = filter.toProblem(new EventStoreUnavailableError('EventStoreDB append failed: down'));
    expect(problem).toMatchObject({ status: 503, type: 'https://leadger.dev/problems/unavailable' });
  });

  it('answers events over the store’s append size limit 413: a retry of the same request cannot succeed', () => {
    const problem = filter.toProblem(new AppendTooLargeError('lead-1', 1_048_576));
    expect(problem).toMatchObject({ status: 413, type: 'https://leadger.dev/problems/append_too_large' });
    expect(problem.detail).toContain('1048576 bytes');
  });

  it('answers an append to a deleted stream 410 Gone', () => {
    const problem = filter.toProblem(new StreamDeletedError('lead-1'));
    expect(problem).toMatchObject({ status: 410, type: 'https://leadger.dev/problems/stream_deleted' });
  });

  it('answers the store refusing this service access 500: a misconfiguration, not a reason to retry', () => {
    const problem = filter.toProblem(new EventStoreAccessDeniedError('EventStoreDB refused access'));
    expect(problem).toMatchObject({ status: 500, type: 'https://leadger.dev/problems/access_denied' });
  });
});
