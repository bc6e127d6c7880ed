import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { LEADGER_CONFIG, type LeadgerConfig } from '@leadger/config';
import type { EventStore } from '@leadger/event-store';
import { LeadgerMetrics, serveMetrics, type MetricsServer } from '@leadger/metrics';
import type { ReadStore } from '@leadger/read-store';
import { EVENT_STORE } from '../event-store/event-store.module';
import { READ_STORE } from '../read-models/read-store.provider';

/**
 * Measures the log consumers' lag from this process's stores, and serves the metrics port when
 * LEADGER_METRICS_PORT is set (see `serveMetrics`), closed before the stores are.
 */
@Injectable()
export class MetricsPort implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private server: MetricsServer | undefined;

  constructor(
    @Inject(LEADGER_CONFIG) private readonly config: LeadgerConfig,
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(READ_STORE) readStore: ReadStore,
    private readonly metrics: LeadgerMetrics,
  ) {
    // Lag is wall time since the store took the event, so the real clock, not the app's (tests move that).
    metrics.watchLag(eventStore, readStore);
  }

  async onApplicationBootstrap(): Promise<void> {
    const { metricsPort, metricsHost } = this.config;
    if (metricsPort !== undefined) this.server = await serveMetrics(this.metrics, metricsHost, metricsPort);
  }

  /** The port it serves on, or undefined when off. */
  get port(): number | undefined {
    return this.server?.port;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}
