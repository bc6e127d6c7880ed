import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { LEADGER_CONFIG, type LeadgerConfig } from '@leadger/config';
import type { EventStore } from '@leadger/event-store';
import { workerLogger, type Logger } from '@leadger/logging';
import { startProjector, type ProjectorHandle, type ProjectorStatus } from '@leadger/projections';
import type { ReadStore } from '@leadger/read-store';
import { EVENT_STORE } from '../event-store/event-store.module';
import { ROOT_LOGGER } from '../logging/logging.module';
import { READ_STORE } from './read-store.provider';

/**
 * Runs the projector inside the API process (LEADGER_PROJECTOR=inline, the default), so `npm start` is the
 * whole service. Stops it before the stores close, then closes the read store.
 */
@Injectable()
export class ProjectorRunner
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private projector: ProjectorHandle | undefined;

  constructor(
    @Inject(LEADGER_CONFIG) private readonly config: LeadgerConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(ROOT_LOGGER) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.projector !== 'inline') return;
    this.projector = startProjector({
      eventStore: this.eventStore,
      readStore: this.readStore,
      logger: workerLogger(this.log, 'Projector'),
      batchSize: this.config.projectorBatch,
      leaseMs: this.config.projectorLeaseMs,
      onReadModelMismatch: this.config.readModelMismatch,
    });
  }

  /** `off` when this process runs no projector (separate workers keep the read models). */
  status(): ProjectorStatus | 'off' {
    return this.projector?.status() ?? 'off';
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.projector?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.readStore.close();
  }
}
