import type { LeadgerConfig } from '@leadger/config';
import type { EventStore } from '@leadger/event-store';
import type { LeadIdentity } from '@leadger/lead-application';
import type { ReadStore } from '@leadger/read-store';
import type { WorkerLogger } from '@leadger/subscriptions';
import type { WebhookRunnerOptions } from './webhook-runner';
import type { Webhooks } from './webhooks';

/** The deliverer's options from the settings, the same in the API (inline) and the worker. */
export function webhookRunnerOptions(
  config: LeadgerConfig,
  deps: {
    readonly eventStore: EventStore;
    readonly readStore: ReadStore;
    readonly webhooks: Webhooks;
    readonly identity: LeadIdentity;
    readonly logger: WorkerLogger;
    readonly onAttempt?: WebhookRunnerOptions['onAttempt'];
  },
): WebhookRunnerOptions {
  return {
    eventStore: deps.eventStore,
    readStore: deps.readStore,
    webhooks: deps.webhooks,
    openingKey: (leadId) => deps.identity.personalData.openingKey(leadId),
    policy: {
      retryForMs: config.webhookRetrySeconds * 1000,
      retryInitialMs: config.webhookRetryInitialMs,
      concurrency: config.webhookConcurrency,
    },
    timeoutMs: config.webhookTimeoutMs,
    leaseMs: config.projectorLeaseMs,
    logger: deps.logger,
    onAttempt: deps.onAttempt,
  };
}
