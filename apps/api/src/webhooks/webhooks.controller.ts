import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LEADGER_CONFIG, type LeadgerConfig } from '@leadger/config';
import type { EventStore } from '@leadger/event-store';
import type { LeadIdentity } from '@leadger/lead-application';
import { DeliveryLog, redeliver, sendMessage, Webhooks } from '@leadger/webhooks';
import { CurrentCaller, type Caller } from '../auth/caller';
import { LEAD_IDENTITY } from '../auth/identity.module';
import { EVENT_STORE } from '../event-store/event-store.module';
import { ProblemResponse } from '../problem/problem-details.dto';
import { InvalidInputError } from '../problem/problem-details';
import { DeliveriesQueryDto } from './deliveries-query.dto';
import { SubscribeWebhookDto } from './subscribe-webhook.dto';
import { WebhookIdParam } from './webhook-id.param';
import { WebhookRunnerService } from './webhook-runner.service';
import {
  DeliveryPageView,
  DeliveryView,
  SubscribedWebhookView,
  WebhookListView,
  WebhookView,
} from './webhook.view';

/**
 * Webhook subscriptions, for admins (auditors read them): registered, paused, resumed and deleted as events,
 * with each one's delivery log and a redelivery of one delivery.
 */
@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(
    private readonly webhooks: Webhooks,
    private readonly log: DeliveryLog,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(LEAD_IDENTITY) private readonly identity: LeadIdentity,
    @Inject(LEADGER_CONFIG) private readonly config: LeadgerConfig,
    private readonly runner: WebhookRunnerService,
  ) {}

  @Post()
  @ApiOperation({
    operationId: 'SubscribeWebhook',
    summary: 'Subscribe a URL to lead events or stage changes; the signing secret is shown once',
    description:
      'Deliveries start with the events after the log head at this moment (`fromPosition`). Each is a ' +
      'signed POST (Standard Webhooks), at least once, in order per lead.',
  })
  @ApiCreatedResponse({ type: SubscribedWebhookView })
  @ProblemResponse(
    400,
    'A bad URL, an unknown event type or stage, or a malformed secret; `errors` names the field.',
  )
  async subscribe(
    @Body() body: SubscribeWebhookDto,
    @CurrentCaller() caller: Caller,
  ): Promise<SubscribedWebhookView> {
    return this.heard(await this.webhooks.subscribe(body, caller.principal.id));
  }

  @Get()
  @ApiOperation({
    operationId: 'ListWebhooks',
    summary: 'Every subscription, newest first, deleted ones included',
  })
  @ApiOkResponse({ type: WebhookListView })
  async list(): Promise<WebhookListView> {
    return { items: await this.webhooks.list() };
  }

  @Get(':webhookId')
  @ApiOperation({ operationId: 'GetWebhook', summary: 'One subscription (never its secret)' })
  @ApiOkResponse({ type: WebhookView })
  @ProblemResponse(404, 'No such subscription.')
  async get(@WebhookIdParam() webhookId: string): Promise<WebhookView> {
    return this.webhooks.record(await this.webhooks.get(webhookId));
  }

  @Post(':webhookId/pause')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'PauseWebhook',
    summary: 'Stop deliveries until resumed; what happens meanwhile is delivered on resume',
  })
  @ApiOkResponse({ type: WebhookView })
  @ProblemResponse(404, 'No such subscription.')
  @ProblemResponse(409, 'The subscription was deleted.')
  async pause(@WebhookIdParam() webhookId: string, @CurrentCaller() caller: Caller): Promise<WebhookView> {
    return this.heard(await this.webhooks.pause(webhookId, caller.principal.id));
  }

  @Post(':webhookId/resume')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'ResumeWebhook',
    summary: 'Deliver again, from where the subscription paused',
  })
  @ApiOkResponse({ type: WebhookView })
  @ProblemResponse(404, 'No such subscription.')
  @ProblemResponse(409, 'The subscription was deleted.')
  async resume(@WebhookIdParam() webhookId: string, @CurrentCaller() caller: Caller): Promise<WebhookView> {
    return this.heard(await this.webhooks.resume(webhookId, caller.principal.id));
  }

  @Delete(':webhookId')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'DeleteWebhook',
    summary: 'End the subscription for good; its deliveries stay readable',
  })
  @ApiOkResponse({ type: WebhookView })
  @ProblemResponse(404, 'No such subscription.')
  async remove(@WebhookIdParam() webhookId: string, @CurrentCaller() caller: Caller): Promise<WebhookView> {
    return this.heard(await this.webhooks.remove(webhookId, caller.principal.id));
  }

  @Get(':webhookId/deliveries')
  @ApiOperation({
    operationId: 'ListWebhookDeliveries',
    summary:
      'The delivery log, newest first: attempts, status codes, latency; `?dead=true` for the dead letters',
  })
  @ApiOkResponse({ type: DeliveryPageView })
  @ProblemResponse(404, 'No such subscription.')
  async deliveries(
    @WebhookIdParam() webhookId: string,
    @Query() query: DeliveriesQueryDto,
  ): Promise<DeliveryPageView> {
    await this.webhooks.get(webhookId);
    return this.log.page(webhookId, { dead: query.dead, limit: query.limit ?? 50, before: query.before });
  }

  @Post(':webhookId/deliveries/:deliveryId/redeliver')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'RedeliverWebhook',
    summary: 'Send one delivery again now (same webhook-id) and answer how it went',
    description: 'For a dead letter once the receiver is fixed, or a delivery the receiver lost.',
  })
  @ApiOkResponse({ type: DeliveryView })
  @ProblemResponse(404, 'No such subscription or delivery.')
  @ProblemResponse(409, 'The delivery is still being retried, or the subscription was deleted.')
  async redeliver(
    @WebhookIdParam() webhookId: string,
    @Param(
      'deliveryId',
      new ParseUUIDPipe({
        exceptionFactory: () => new InvalidInputError([{ field: 'deliveryId', message: 'must be a UUID' }]),
      }),
    )
    deliveryId: string,
  ): Promise<DeliveryView> {
    return redeliver(
      {
        eventStore: this.eventStore,
        webhooks: this.webhooks,
        log: this.log,
        openingKey: (leadId) => this.identity.personalData.openingKey(leadId),
        send: (message) => sendMessage(message, this.config.webhookTimeoutMs),
      },
      webhookId,
      deliveryId,
    );
  }

  /** Answers `change` once this process's deliverer, if it runs here, acts on it. */
  private async heard<T>(change: T): Promise<T> {
    await this.runner.changed();
    return change;
  }
}
