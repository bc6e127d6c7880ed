import { Module } from '@nestjs/common';
import type { EventStore } from '@leadger/event-store';
import type { LeadIdentity } from '@leadger/lead-application';
import type { ReadStore } from '@leadger/read-store';
import { DeliveryLog, Webhooks } from '@leadger/webhooks';
import { LEAD_IDENTITY } from '../auth/identity.module';
import { EVENT_STORE } from '../event-store/event-store.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { READ_STORE } from '../read-models/read-store.provider';
import { WebhookRunnerService } from './webhook-runner.service';
import { WebhooksController } from './webhooks.controller';

@Module({
  imports: [ReadModelsModule],
  controllers: [WebhooksController],
  providers: [
    {
      provide: Webhooks,
      inject: [EVENT_STORE, LEAD_IDENTITY],
      useFactory: (store: EventStore, identity: LeadIdentity) =>
        new Webhooks(store, identity.keys.webhookSecretsKey),
    },
    { provide: DeliveryLog, inject: [READ_STORE], useFactory: (store: ReadStore) => new DeliveryLog(store) },
    WebhookRunnerService,
  ],
  exports: [WebhookRunnerService],
})
export class WebhooksModule {}
