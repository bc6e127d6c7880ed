import type { HeldLease, ReadStore } from '@leadger/read-store';
import type { Pause } from './backoff';

/** The lease was lost: it lapsed and another instance took it, or Redis lost it (flushed, restarted). */
export class LeaseLostError extends Error {
  readonly code = 'lease_lost';

  constructor(readonly lease: string) {
    super(`lease ${lease} is no longer held`);
    this.name = 'LeaseLostError';
  }
}

/**
 * Holds a set of leases, all or none: a projector writes every read model it runs, so it takes
 * all their leases before it starts and gives back what it got if any one is held elsewhere. Renews every
 * third of the lease time; a renewal the store refuses means the lease is gone. A renewal that fails for
 * lack of a connection is not acted on: every commit checks the lease anyway.
 */
export class LeaseKeeper {
  private timer: NodeJS.Timeout | undefined;
  private held = false;

  constructor(
    private readonly store: ReadStore,
    private readonly names: readonly string[],
    readonly token: string,
    private readonly ttlMs: number,
  ) {}

  leases(): HeldLease[] {
    return this.names.map((name) => ({ name, token: this.token }));
  }

  /** Tries once to take every lease; `true` when all are now ours. */
  async tryAcquire(): Promise<boolean> {
    const got: string[] = [];
    for (const name of this.names) {
      if (!(await this.store.acquireLease(name, this.token, this.ttlMs))) {
        for (const mine of got) await this.store.releaseLease(mine, this.token);
        return false;
      }
      got.push(name);
    }
    this.held = true;
    return true;
  }

  /** Waits (polling every third of the lease time) until every lease is ours, or `stopped()` says stop. */
  async acquire(pause: Pause, stopped: () => boolean, onWaiting: (holder: string) => void): Promise<boolean> {
    let told = false;
    while (!stopped()) {
      if (await this.tryAcquire()) return true;
      if (!told) onWaiting((await this.store.leaseHolder(this.names[0]))?.token ?? 'another instance');
      told = true;
      await pause.sleep(this.ttlMs / 3);
    }
    return false;
  }

  /** Renews in the background; `onLost` hears of a lease the store says is no longer ours. */
  keepRenewing(onLost: (error: LeaseLostError) => void): void {
    this.stopRenewing();
    this.timer = setInterval(() => {
      void this.renewAll().then(
        (lost) => lost && onLost(new LeaseLostError(lost)),
        () => undefined,
      );
    }, this.ttlMs / 3);
  }

  stopRenewing(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  async release(): Promise<void> {
    this.stopRenewing();
    if (!this.held) return;
    this.held = false;
    for (const name of this.names) await this.store.releaseLease(name, this.token);
  }

  /** The first lease the store refused to renew, or `undefined` when all were renewed. */
  private async renewAll(): Promise<string | undefined> {
    for (const name of this.names) {
      if (!(await this.store.renewLease(name, this.token, this.ttlMs))) return name;
    }
    return undefined;
  }
}
