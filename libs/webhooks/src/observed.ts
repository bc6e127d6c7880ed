import { LEAD_STREAM_PREFIX } from '@leadger/lead-application';
import { checkpointId, type DeliveryState } from './delivery-log';
import type { Webhooks } from './webhooks';

/** An attempt's outcome as metrics count it: delivered, failed (to be retried) or dead-lettered. */
export function attemptOutcome(state: DeliveryState): 'delivered' | 'failed' | 'dead_lettered' {
  return state === 'delivered' ? 'delivered' : state === 'dead' ? 'dead_lettered' : 'failed';
}

/** Each active subscription as a consumer of the log, by its checkpoint: for lag metrics and readiness. */
export async function webhookConsumers(webhooks: Webhooks) {
  return (await webhooks.active(1000)).map((webhook) => ({
    kind: 'webhook',
    id: checkpointId(webhook.webhookId),
    filter: { streamNamePrefixes: [LEAD_STREAM_PREFIX] },
  }));
}
