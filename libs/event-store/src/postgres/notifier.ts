import { Client, type ClientConfig } from 'pg';

/** First wait before listening again after the connection dropped; doubles per failure up to the max. */
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5000;

/**
 * One LISTEN connection per store, shared by its subscriptions: every append's NOTIFY (sent at its
 * commit, by any process) calls `onNotified`. When the connection drops it listens again, with backoff,
 * and calls `onNotified` once it is back, since notifications sent meanwhile are lost. Subscriptions also
 * poll, so a notification missed in between delays an event, never loses it.
 */
export class Notifier {
  private client: Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private delayMs = RETRY_MIN_MS;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly onNotified: () => void,
  ) {
    void this.listen();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new Client(this.config);
    this.client = client;
    let dropped = false;
    const drop = () => {
      if (dropped) return;
      dropped = true;
      void client.end().catch(() => undefined);
      if (this.client === client) this.client = undefined;
      this.again();
    };
    // A terminated backend or a network error: without a listener, the 'error' would end the process.
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', () => this.onNotified());
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
    } catch {
      drop();
      return;
    }
    if (dropped || this.closed) return;
    this.delayMs = RETRY_MIN_MS;
    // Anything appended while nobody listened is read now.
    this.onNotified();
  }

  private again(): void {
    if (this.closed) return;
    this.retry = setTimeout(() => void this.listen(), this.delayMs);
    this.retry.unref();
    this.delayMs = Math.min(this.delayMs * 2, RETRY_MAX_MS);
  }
}
