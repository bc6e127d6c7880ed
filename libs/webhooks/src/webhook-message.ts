import type { Json, JsonObject, RecordedEvent } from '@leadger/event-store';
import { openPersonalData } from '@leadger/lead-application';
import { upcast } from '@leadger/lead-domain';
import type { StageChange } from './selectors';

/** Whether a delivery carries the lead's personal fields: only when allowed, and never once erased. */
export type PersonalDataSent = 'shown' | 'withheld' | 'erased';

export interface PersonalPart {
  readonly sent: PersonalDataSent;
  /** Opens the lead's personal fields; null when they are not sent. */
  readonly key: Buffer | null;
}

/** What of the lead's personal data a delivery to `webhook` carries now: asked anew at every attempt. */
export async function personalPart(
  webhook: { readonly includePersonalData: boolean },
  leadId: string,
  openingKey: (leadId: string) => Promise<Buffer | null>,
): Promise<PersonalPart> {
  if (!webhook.includePersonalData) return { sent: 'withheld', key: null };
  const key = await openingKey(leadId);
  return key ? { sent: 'shown', key } : { sent: 'erased', key: null };
}

/**
 * The message id receivers dedupe by: the same for every attempt and redelivery of one event to one
 * subscription, different for anything else.
 */
export function messageId(webhookId: string, eventId: string): string {
  return `msg_${webhookId.slice('wh_'.length)}_${eventId}`;
}

/**
 * The body of one delivery, in the Standard Webhooks shape (`type`, `timestamp`, `data`): where the event
 * is in the log, the lead, the stage before and after, who did it and why, and the event's own data with
 * its personal fields null unless `personalKey` opens them.
 */
export function webhookMessage(event: RecordedEvent, change: StageChange, personal: PersonalPart): string {
  const meta = event.metadata;
  const data: Record<string, Json> = {
    eventId: event.id,
    position: event.position.toString(),
    leadId: String(event.data.leadId),
    revision: event.revision.toString(),
    type: event.type,
    stage: { before: change.before, after: change.after },
    occurredAt: meta.occurredAt ?? null,
    actor: meta.actor ?? null,
    onBehalfOf: meta.onBehalfOf ?? null,
    correlationId: meta.correlationId ?? null,
    causationId: meta.causationId ?? null,
    policy: policyName(meta.policy),
    personalData: personal.sent,
    event: openPersonalData(upcast(event.type, event.data) as JsonObject, personal.key),
  };
  return JSON.stringify({
    type: event.type,
    timestamp: String(meta.occurredAt ?? event.created.toISOString()),
    data,
  });
}

function policyName(policy: Json | undefined): Json {
  return policy && typeof policy === 'object' && !Array.isArray(policy)
    ? ((policy as JsonObject).name ?? null)
    : null;
}
