// The policies at work: a process manager on the log's subscription, with its checkpoint, lease, durable
// timers and outbox in the read store, sending each effect as a command under an id derived from its cause.
export {
  startPolicyRunner,
  type PolicyRunnerHandle,
  type PolicyRunnerOptions,
  type PolicyRunnerState,
  type PolicyRunnerStatus,
} from './policy-runner';
export type { EffectOutcome, OutboxEntry } from './outbox';
export { POLICIES, POLICIES_VERSION, policyKeys } from './policy-keys';
export { POLICIES_FILTER } from './policy-session';
export { ownerLoads } from './owner-loads';
export { loadRules, rulesDigest, type LoadedRules } from './load-rules';
export * from './policies-stream';
export * from './start-policies';
