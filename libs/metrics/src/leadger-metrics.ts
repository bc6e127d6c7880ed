import type { EventStore } from '@leadger/event-store';
import type { EffectOutcome } from '@leadger/policy-runtime';
import type { ReadStore } from '@leadger/read-store';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { CommandMetrics } from './command-metrics';
import { consumerLag } from './consumer-lag';
import { LagMetrics } from './lag-metrics';
import { LogConsumers } from './log-consumers';
import { WebhookMetrics } from './webhook-metrics';

/**
 * One process's metrics, in a registry of its own (tests run several apps in one process): the command
 * path's, the policies' effects, webhook deliveries, the lead cache's size, every log consumer's lag, and
 * Node's process metrics. The API and the worker each make one and hand its parts to what they run.
 */
export class LeadgerMetrics {
  readonly registry = new Registry();
  /** The command path's observer: `observer` of the command handler's deps. */
  readonly commands = new CommandMetrics(this.registry);
  /** Webhook deliveries: `webhooks.delivered(outcome, seconds)`. */
  readonly webhooks = new WebhookMetrics(this.registry);
  /** The consumers whose lag is shown; add the webhook subscriptions' checkpoints here. */
  readonly consumers = new LogConsumers();
  private readonly effects = new Counter({
    name: 'leadger_policy_effects_total',
    help: 'Commands the policies sent, by policy and outcome (applied; void: the lead moved on; error: kept to retry).',
    labelNames: ['policy', 'outcome'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** For the policy runner's `onEffect`. */
  readonly policyEffect = (policy: string, outcome: EffectOutcome): void => {
    this.effects.inc({ policy, outcome });
  };

  /** Shows the lead cache's size (leads held), read at each scrape. */
  watchLeadCache(cache: { readonly size: number }): void {
    new Gauge({
      name: 'leadger_lead_cache_leads',
      help: "Leads held folded in the command path's cache.",
      registers: [this.registry],
      collect() {
        this.set(cache.size);
      },
    });
  }

  /** Shows the lag of `consumers` behind the log, read from these stores at each scrape. */
  watchLag(eventStore: EventStore, readStore: ReadStore, clock: () => Date = () => new Date()): void {
    new LagMetrics(this.registry, async () =>
      consumerLag(eventStore, readStore, await this.consumers.list(), clock()),
    );
  }

  /** The Prometheus text exposition of every metric. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
