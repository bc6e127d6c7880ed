import type {
  AppendTooLargeError,
  EventStoreAccessDeniedError,
  EventStoreUnavailableError,
  StreamDeletedError,
  WrongExpectedRevisionError,
} from '@leadger/event-store';
import type { ApiKeyInputError, AuthenticationError, LeadErasedError } from '@leadger/identity';
import type {
  CommandRefusedError,
  IdempotencyKeyReusedError,
  LeadNotFoundError,
  OwnerInputError,
  StaleRevisionError,
  SuspectInputError,
} from '@leadger/lead-application';
import type { QueryInputError } from '@leadger/projections';
import type { ReadStoreUnavailableError } from '@leadger/read-store';
import type {
  DeliveryNotFoundError,
  WebhookInputError,
  WebhookNotFoundError,
  WebhookStateError,
} from '@leadger/webhooks';
import type { ForbiddenError } from '../auth/forbidden';
import type { KeyNotFoundError } from '../keys/key-not-found';
import type { OwnerNotFoundError } from '../owners/owner-not-found';
import type { ReadModelBehindError } from '../read-models/read-your-writes';
import type { InvalidInputError } from './problem-details';

/**
 * Every error a client may be told about. Each carries a literal `code`, which picks its status in one
 * table the compiler checks against this union, and those with facts to tell say them in `problemFields`.
 */
export type KnownError =
  | InvalidInputError
  | ApiKeyInputError
  | QueryInputError
  | OwnerInputError
  | SuspectInputError
  | WebhookInputError
  | AuthenticationError
  | ForbiddenError
  | LeadNotFoundError
  | KeyNotFoundError
  | OwnerNotFoundError
  | WebhookNotFoundError
  | DeliveryNotFoundError
  | WebhookStateError
  | CommandRefusedError
  | LeadErasedError
  | WrongExpectedRevisionError
  | StaleRevisionError
  | IdempotencyKeyReusedError
  | ReadModelBehindError
  | EventStoreUnavailableError
  | ReadStoreUnavailableError
  | AppendTooLargeError
  | StreamDeletedError
  | EventStoreAccessDeniedError;

export type ProblemCode = KnownError['code'];
