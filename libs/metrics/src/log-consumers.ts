import type { AllFilter } from '@leadger/event-store';
import { POLICIES, POLICIES_FILTER } from '@leadger/policy-runtime';
import { allProjections, PROJECTOR_FILTER } from '@leadger/projections';

/** A consumer of the log that keeps a checkpoint in the read store: a read model, the policies, a webhook. */
export interface LogConsumer {
  /** What it is, the `kind` label: `read_model`, `policies`, `webhook`. */
  readonly kind: string;
  /** Its checkpoint's id in the read store, the `consumer` label. */
  readonly id: string;
  /** The events it reads, as it subscribes: events it skips are no lag. Default: every event. */
  readonly filter?: AllFilter;
}

/** Where the consumers come from: a fixed list, or one read at each scrape (webhook subscriptions come and go). */
export type ConsumerSource = () => readonly LogConsumer[] | Promise<readonly LogConsumer[]>;

/** Every read model the projector keeps, and the policies: the consumers every deployment has. */
export function builtInConsumers(): readonly LogConsumer[] {
  return [
    ...allProjections.map((p) => ({ kind: 'read_model', id: p.name, filter: PROJECTOR_FILTER })),
    { kind: 'policies', id: POLICIES, filter: POLICIES_FILTER },
  ];
}

/**
 * The consumers whose lag is measured, from any number of sources: the built-in ones, and those another
 * part adds (the webhook subscriptions: `consumers.add(() => …)`, one consumer per subscription's checkpoint).
 */
export class LogConsumers {
  private readonly sources: ConsumerSource[] = [builtInConsumers];

  add(source: ConsumerSource): void {
    this.sources.push(source);
  }

  async list(): Promise<LogConsumer[]> {
    return (await Promise.all(this.sources.map((source) => source()))).flat();
  }
}
