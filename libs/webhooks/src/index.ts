// Webhooks: subscriptions kept as events, deliveries driven by the log (Standard Webhooks signatures).
export * from './errors';
export {
  checkpointId,
  DeliveryLog,
  type DeliveryPage,
  type DeliveryRecord,
  type DeliveryState,
} from './delivery-log';
export { attemptOutcome, webhookConsumers } from './observed';
export { redeliver, type RedeliverDeps } from './redeliver';
export { webhookRunnerOptions } from './runner-options';
export { ALL_EVENTS, selectorHelp, STAGE_PREFIX, type StageChange } from './selectors';
export { sendMessage, type Attempt, type Outgoing } from './send-message';
export { messageId, webhookMessage, type PersonalDataSent } from './webhook-message';
export { WEBHOOK_STREAM_PREFIX, webhookEventTypes } from './webhook-events';
export {
  defaultDeliveryPolicy,
  startWebhookRunner,
  WEBHOOKS_LEASE,
  type WebhookRunnerHandle,
  type WebhookRunnerOptions,
  type WebhookRunnerStatus,
} from './webhook-runner';
export { type DeliveryPolicy } from './webhook-session';
export {
  WEBHOOK_ID,
  Webhooks,
  type SubscribeInput,
  type Webhook,
  type WebhookRecord,
  type WebhookState,
} from './webhooks';
