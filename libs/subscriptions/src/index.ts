// The runtime every consumer of the log shares (projector, policies): leases, backoff, logging.
export { backoffMs, Pause } from './backoff';
export { LeaseKeeper, LeaseLostError } from './lease-keeper';
export { silentLogger, type LogFields, type WorkerLogger } from './logger';
export { asError, SubscriptionSession, type SessionSubscription } from './subscription-session';
