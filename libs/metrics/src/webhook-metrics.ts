import { Counter, Histogram, type Registry } from 'prom-client';

/** Seconds: a receiver on the same network answers in milliseconds; the delivery times out after some. */
const DELIVERY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Webhook deliveries, declared here for the delivering code to call: one `delivered` per attempt, with its
 * outcome (e.g. `delivered`, `failed`, `timeout`, `dead_lettered`) and, when a receiver answered or the
 * attempt timed out, how long it took.
 */
export class WebhookMetrics {
  private readonly deliveries: Counter<'outcome'>;
  private readonly latency: Histogram<'outcome'>;

  constructor(registry: Registry) {
    this.deliveries = new Counter({
      name: 'leadger_webhook_deliveries_total',
      help: 'Webhook delivery attempts, by outcome.',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.latency = new Histogram({
      name: 'leadger_webhook_delivery_duration_seconds',
      help: 'How long a webhook delivery attempt took, from sending to the answer (or the timeout), by outcome.',
      labelNames: ['outcome'],
      buckets: DELIVERY_BUCKETS,
      registers: [registry],
    });
  }

  /** One delivery attempt: how it went and, if timed, how long it took in seconds. */
  delivered(outcome: string, seconds?: number): void {
    this.deliveries.inc({ outcome });
    if (seconds !== undefined) this.latency.observe({ outcome }, seconds);
  }
}
