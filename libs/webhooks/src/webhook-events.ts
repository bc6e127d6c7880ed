import type { JsonObject } from '@leadger/event-store';

// A subscription's life is events in its own stream (`webhook-<id>`), like an API key's: an auditor reads
// who subscribed which URL to what, and who paused or deleted it, when.

export const WEBHOOK_STREAM_PREFIX = 'webhook-';

export const webhookEventTypes = [
  'WebhookSubscribed',
  'WebhookPaused',
  'WebhookResumed',
  'WebhookDeleted',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

export interface WebhookSubscribedData extends JsonObject {
  readonly webhookId: string;
  readonly url: string;
  readonly events: readonly string[];
  /** Whether deliveries carry the lead's personal fields (while the lead is not erased). */
  readonly includePersonalData: boolean;
  /** The signing secret, sealed under the deployment's webhook-secrets key. */
  readonly secret: string;
  /** The log's head when it subscribed: deliveries start after it (`$all` position as a string). */
  readonly fromPosition: string;
}

export function webhookStream(webhookId: string): string {
  return `${WEBHOOK_STREAM_PREFIX}${webhookId}`;
}
