import type { EventStore, RecordedEvent } from './event-store';

/**
 * Folds the events of the streams whose names start with `prefix` (API keys, webhook subscriptions) into
 * whatever `apply` keeps, reading what was appended since the last read, at most once per `maxAgeMs` when
 * asked, and one read at a time however many ask: a small registry every process keeps in memory.
 */
export class StreamsFollower {
  private position: bigint | undefined;
  private readAt = 0;
  private reading: Promise<void> | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly prefix: string,
    private readonly apply: (event: RecordedEvent) => void,
  ) {}

  /** Reads the events appended since the last read, unless that read is less than `maxAgeMs` old. */
  async refresh(maxAgeMs: number): Promise<void> {
    if (maxAgeMs > 0 && Date.now() - this.readAt < maxAgeMs) return;
    this.reading ??= this.readNew().finally(() => (this.reading = null));
    await this.reading;
  }

  private async readNew(): Promise<void> {
    this.readAt = Date.now();
    for (;;) {
      const page = await this.store.readAll({
        after: this.position,
        filter: { streamNamePrefixes: [this.prefix] },
        maxCount: 1000,
      });
      for (const event of page) this.apply(event);
      if (page.length > 0) this.position = page[page.length - 1].position;
      if (page.length < 1000) return;
    }
  }
}
