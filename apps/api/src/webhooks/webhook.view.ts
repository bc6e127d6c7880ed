import { stages, type Stage } from '@leadger/lead-domain';
import type {
  Attempt,
  DeliveryRecord,
  DeliveryState,
  StageChange,
  WebhookRecord,
  WebhookState,
} from '@leadger/webhooks';
import {
  Choice,
  Count,
  Flag,
  Integer,
  Label,
  Labels,
  ListOf,
  Millis,
  Moment,
  Part,
  Position,
  Revision,
  Uuid,
} from '../http/answer-fields';

const webhookStates: readonly WebhookState[] = ['active', 'paused', 'deleted'];
const deliveryStates: readonly DeliveryState[] = ['pending', 'delivered', 'dead'];

export class WebhookView implements WebhookRecord {
  @Label({ description: 'wh_ and 16 hex digits.' }) readonly webhookId: string;
  @Label() readonly url: string;
  @Labels({ description: 'Event types, stage:<stage> or *.' }) readonly events: readonly string[];
  @Flag({ description: "Whether deliveries carry the lead's personal fields." })
  readonly includePersonalData: boolean;
  @Choice(webhookStates) readonly state: WebhookState;
  @Moment() readonly createdAt: string;
  @Label() readonly createdBy: string;
  @Moment() readonly changedAt: string;
  @Label() readonly changedBy: string;
  @Position({ description: 'Deliveries are of events after this position: the log head when it subscribed.' })
  readonly fromPosition: string;
}

export class SubscribedWebhookView {
  @Part(() => WebhookView) readonly webhook: WebhookView;
  @Label({
    description: 'The signing secret (whsec_…): shown this once; receivers verify signatures with it.',
  })
  readonly secret: string;
}

export class WebhookListView {
  @ListOf(() => WebhookView, { description: 'Newest first, deleted ones included.' })
  readonly items: readonly WebhookView[];
}

export class AttemptView implements Attempt {
  @Moment() readonly at: string;
  @Integer({ nullable: true, description: "The receiver's HTTP status; null when none came." })
  readonly status: number | null;
  @Millis() readonly latencyMs: number;
  @Label({ nullable: true, description: 'Why it failed: HTTP 500, timed out after 10000 ms, ECONNREFUSED…' })
  readonly error: string | null;
}

const stagesOrNone: readonly (Stage | 'none')[] = ['none', ...stages];

export class StageChangeView implements StageChange {
  @Choice(stagesOrNone, { description: '`none` before the capture.' }) readonly before: Stage | 'none';
  @Choice(stagesOrNone) readonly after: Stage | 'none';
}

export class DeliveryView implements DeliveryRecord {
  @Uuid({ description: "The event's id." }) readonly deliveryId: string;
  @Label() readonly webhookId: string;
  @Label({ description: 'The webhook-id header: the same on every attempt; receivers dedupe by it.' })
  readonly messageId: string;
  @Label() readonly leadId: string;
  @Label() readonly type: string;
  @Position() readonly position: string;
  @Revision() readonly revision: string;
  @Part(() => StageChangeView) readonly stage: StageChangeView;
  @Choice(deliveryStates) readonly state: DeliveryState;
  @Count() readonly attempts: number;
  @Moment() readonly firstAttemptAt: string;
  @Moment() readonly lastAttemptAt: string;
  @Moment({ nullable: true }) readonly nextAttemptAt: string | null;
  @ListOf(() => AttemptView, { description: 'The latest attempts (up to 20), oldest first.' })
  readonly history: readonly AttemptView[];
}

export class DeliveryPageView {
  @ListOf(() => DeliveryView, { description: 'Newest first.' }) readonly items: readonly DeliveryView[];
  @Position({ nullable: true, description: 'Pass as `before` for older deliveries; null on the last page.' })
  readonly next: string | null;
}
