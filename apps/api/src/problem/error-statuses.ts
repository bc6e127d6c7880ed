import type { ProblemCode } from './known-errors';

/** The one table from an error's `code` to its HTTP status and problem title; the compiler wants every code. */
export const errorStatuses: Readonly<
  Record<ProblemCode, { readonly status: number; readonly title: string }>
> = {
  invalid_input: { status: 400, title: 'Invalid input' },
  unauthenticated: { status: 401, title: 'Unauthenticated' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Lead not found' },
  key_not_found: { status: 404, title: 'API key not found' },
  owner_not_found: { status: 404, title: 'Owner not found' },
  webhook_not_found: { status: 404, title: 'Webhook not found' },
  delivery_not_found: { status: 404, title: 'Delivery not found' },
  webhook_state: { status: 409, title: 'Webhook state' },
  illegal_transition: { status: 409, title: 'Illegal transition' },
  erased: { status: 410, title: 'Lead erased' },
  concurrency: { status: 409, title: 'Concurrent modification' },
  stale_revision: { status: 412, title: 'Stale revision' },
  validation: { status: 422, title: 'Unprocessable command' },
  idempotency_conflict: { status: 422, title: 'Idempotency key reused' },
  read_model_behind: { status: 503, title: 'Read model behind' },
  unavailable: { status: 503, title: 'Store unavailable' },
  // Event-store refusals no retry can fix: never 503, which tells clients to retry.
  append_too_large: { status: 413, title: 'Events too large for the store' },
  stream_deleted: { status: 410, title: 'Stream deleted' },
  access_denied: { status: 500, title: 'Event store refused access' },
};
