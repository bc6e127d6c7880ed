import type { EventStore } from '@leadger/event-store';
import { leadStream } from '@leadger/lead-application';
import { withAttempt, type DeliveryLog, type DeliveryRecord } from './delivery-log';
import { DeliveryNotFoundError, WebhookStateError } from './errors';
import { delivered, type Attempt, type Outgoing } from './send-message';
import { personalPart, webhookMessage } from './webhook-message';
import type { Webhooks } from './webhooks';

export interface RedeliverDeps {
  readonly eventStore: EventStore;
  readonly webhooks: Webhooks;
  readonly log: DeliveryLog;
  readonly openingKey: (leadId: string) => Promise<Buffer | null>;
  readonly send: (message: Outgoing) => Promise<Attempt>;
}

/**
 * Sends one delivery again now, with the same `webhook-id`, and records the attempt: for a dead letter
 * once the receiver is fixed, or a delivery the receiver lost. One still being retried is left to its
 * retries (409), so the two never race. The message is built anew: a lead erased since goes without its
 * personal fields.
 */
export async function redeliver(
  deps: RedeliverDeps,
  webhookId: string,
  deliveryId: string,
): Promise<DeliveryRecord> {
  const webhook = await deps.webhooks.get(webhookId);
  if (webhook.state === 'deleted') throw new WebhookStateError(`webhook ${webhookId} was deleted`, 'deleted');
  const record = await deps.log.get(webhookId, deliveryId);
  if (!record) throw new DeliveryNotFoundError(webhookId, deliveryId);
  if (record.state === 'pending')
    throw new WebhookStateError(
      `delivery ${deliveryId} is still being retried (next at ${record.nextAttemptAt})`,
      'pending',
    );
  const read = await deps.eventStore.readStream(leadStream(record.leadId), {
    fromRevision: BigInt(record.revision),
    maxCount: 1,
  });
  const event = read.found ? read.events.find((stored) => stored.id === deliveryId) : undefined;
  if (!event) throw new DeliveryNotFoundError(webhookId, deliveryId);
  const personal = await personalPart(webhook, record.leadId, deps.openingKey);
  const attempt = await deps.send({
    url: webhook.url,
    secret: webhook.secret,
    messageId: record.messageId,
    body: webhookMessage(event, record.stage, personal),
  });
  const updated = withAttempt(record, attempt, delivered(attempt) ? 'delivered' : 'dead', null);
  await deps.log.save(updated);
  return updated;
}
