import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { LEADGER_CONFIG, type LeadgerConfig } from '@leadger/config';
import type { EventStore } from '@leadger/event-store';
import type { LeadIdentity } from '@leadger/lead-application';
import type { ReadStore } from '@leadger/read-store';
import { workerLogger, type Logger } from '@leadger/logging';
import { LeadgerMetrics } from '@leadger/metrics';
import {
  attemptOutcome,
  startWebhookRunner,
  webhookConsumers,
  webhookRunnerOptions,
  Webhooks,
  type WebhookRunnerHandle,
  type WebhookRunnerStatus,
} from '@leadger/webhooks';
import { LEAD_IDENTITY } from '../auth/identity.module';
import { EVENT_STORE } from '../event-store/event-store.module';
import { ROOT_LOGGER } from '../logging/logging.module';
import { READ_STORE } from '../read-models/read-store.provider';

/** How long an admin call that changed a subscription waits at most for the deliverer here to act on it. */
const CHANGE_WAIT_MS = 2000;

/** Delivers webhooks inside the API process (LEADGER_WEBHOOKS_RUNNER=inline, the default), as `npm start` needs. */
@Injectable()
export class WebhookRunnerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private runner: WebhookRunnerHandle | undefined;

  constructor(
    @Inject(LEADGER_CONFIG) private readonly config: LeadgerConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(LEAD_IDENTITY) private readonly identity: LeadIdentity,
    private readonly webhooks: Webhooks,
    @Inject(ROOT_LOGGER) private readonly log: Logger,
    private readonly metrics: LeadgerMetrics,
  ) {
    // The lag of every subscription, whichever process delivers it: checkpoints are in the shared store.
    metrics.consumers.add(() => webhookConsumers(webhooks));
  }

  onApplicationBootstrap(): void {
    if (this.config.webhooksRunner !== 'inline') return;
    this.runner = startWebhookRunner(
      webhookRunnerOptions(this.config, {
        eventStore: this.eventStore,
        readStore: this.readStore,
        webhooks: this.webhooks,
        identity: this.identity,
        logger: workerLogger(this.log, 'Webhooks'),
        onAttempt: (_webhookId, attempt, state) =>
          this.metrics.webhooks.delivered(attemptOutcome(state), attempt.latencyMs / 1000),
      }),
    );
  }

  /** `off` when this process delivers none (workers do). */
  status(): WebhookRunnerStatus | 'off' {
    return this.runner?.status() ?? 'off';
  }

  /** Looks for new, paused and deleted subscriptions now (tests). */
  async sync(): Promise<void> {
    await this.runner?.sync();
  }

  /**
   * A subscription changed through this process: where it delivers, the change takes effect now rather
   * than at the runner's next look (within a second). A failure or a slow read store here is the runner's
   * to retry, not the caller's to wait for: the change is already in the log.
   */
  async changed(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, CHANGE_WAIT_MS)));
    await Promise.race([this.sync().catch(() => undefined), late]);
    clearTimeout(timer);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
  }
}
