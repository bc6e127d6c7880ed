import { Gauge, type Registry } from 'prom-client';
import type { ConsumerLag } from './consumer-lag';

/** Reads every consumer's lag now; called at scrape time. */
export type LagReader = () => Promise<readonly ConsumerLag[]>;

/**
 * The consumers' lag in events and in seconds, read from the stores when Prometheus scrapes, not kept up
 * to date by the consumers: a stopped or stuck consumer, or one in another process, shows its lag all the
 * same. Both gauges share one reading per scrape. A reading that fails (a store down) leaves both gauges
 * without samples for that scrape rather than failing the scrape: readiness names the store.
 */
export class LagMetrics {
  private reading: Promise<readonly ConsumerLag[] | null> | undefined;

  constructor(registry: Registry, read: LagReader) {
    const shared = () => this.shared(read);
    const labelNames = ['kind', 'consumer'] as const;
    new Gauge({
      name: 'leadger_consumer_lag_events',
      help: 'Events the consumer has yet to handle, from its checkpoint to the head of the log (positions on EventStoreDB: see the README).',
      labelNames,
      registers: [registry],
      async collect() {
        set(this, await shared(), (lag) => lag.events);
      },
    });
    new Gauge({
      name: 'leadger_consumer_lag_seconds',
      help: 'How long the oldest event the consumer has yet to handle has waited; 0 when caught up.',
      labelNames,
      registers: [registry],
      async collect() {
        set(this, await shared(), (lag) => lag.seconds);
      },
    });
  }

  /** One reading for the gauges collected together in a scrape. */
  private shared(read: LagReader): Promise<readonly ConsumerLag[] | null> {
    this.reading ??= read()
      .catch(() => null)
      .finally(() => setImmediate(() => (this.reading = undefined)));
    return this.reading;
  }
}

function set(
  gauge: Gauge<'kind' | 'consumer'>,
  lags: readonly ConsumerLag[] | null,
  value: (lag: ConsumerLag) => number,
): void {
  // Consumers come and go (a deleted webhook subscription): only this reading's are shown.
  gauge.reset();
  for (const lag of lags ?? []) gauge.set({ kind: lag.consumer.kind, consumer: lag.consumer.id }, value(lag));
}
