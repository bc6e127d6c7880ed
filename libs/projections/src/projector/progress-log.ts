import type { WorkerLogger } from '@leadger/subscriptions';

/** How often a catch-up reports progress. */
const EVERY_MS = 5000;

/** Logs committed progress now and then (with the rate since the last line), not once per batch. */
export class ProgressLog {
  private events = 0;
  private since = Date.now();

  constructor(private readonly logger: WorkerLogger) {}

  committed(position: bigint, events: number): void {
    this.events += events;
    const elapsed = Date.now() - this.since;
    if (elapsed < EVERY_MS) return;
    const perSecond = Math.round((this.events * 1000) / elapsed);
    this.logger.info('projected', { position: String(position), events: this.events, perSecond });
    this.events = 0;
    this.since = Date.now();
  }
}
