import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { EventStore } from '@leadger/event-store';
import type { CommandHandlerDeps } from '@leadger/lead-application';
import type { Rules } from '@leadger/policies';
import type { ReadStore } from '@leadger/read-store';
import { backoffMs, LeaseKeeper, Pause, silentLogger, type WorkerLogger } from '@leadger/subscriptions';
import type { EffectOutcome, OutboxEntry } from './outbox';
import { OwnerLedger } from './owner-ledger';
import { POLICIES, POLICIES_VERSION } from './policy-keys';
import { PolicySession } from './policy-session';
import { PolicyWorker } from './policy-worker';

export interface PolicyRunnerOptions {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  /** How the policies' commands run: the API's own deps in-process (mutex, cache, personal data). */
  readonly commands: CommandHandlerDeps;
  readonly rules: Rules;
  /** The rules' digest (`GET /policies`), stamped on every command a policy issues. */
  readonly digest: string;
  /** Default: the commands' clock. Tests move it instead of sleeping. */
  readonly clock?: () => Date;
  /** How often due timers are looked for. Default 1000 ms. */
  readonly tickMs?: number;
  /** Events (or due timers) per step. Default 500. */
  readonly batchSize?: number;
  /** Lease time; renewed every third of it. Default 10 s. */
  readonly leaseMs?: number;
  /** First pause after a failure, doubling per failure in a row up to `retryMaxMs`. Defaults 100 ms, 5 s. */
  readonly retryInitialMs?: number;
  readonly retryMaxMs?: number;
  /** Identifies this instance in its lease. Default `<host>:<pid>:<uuid>`. */
  readonly instanceId?: string;
  /** Default: log nothing. */
  readonly logger?: WorkerLogger;
  /** Hears every effect sent and how it went (tests, metrics); `error` leaves it in the outbox for a retry. */
  readonly onEffect?: (entry: OutboxEntry, outcome: EffectOutcome) => void;
}

export type PolicyRunnerState = 'starting' | 'standby' | 'catching-up' | 'live' | 'retrying' | 'stopped';

export interface PolicyRunnerStatus {
  readonly state: PolicyRunnerState;
  /** The last `$all` position the policies have decided on, as a string; null before the first. */
  readonly position: string | null;
  readonly digest: string;
  readonly lastError: string | null;
}

export interface PolicyRunnerHandle {
  /** Resolves the first time the policies have caught up with the log. */
  caughtUp(): Promise<void>;
  /** Looks at the due timers now, after what is already running (tests move the clock, then call this). */
  tick(): Promise<void>;
  status(): PolicyRunnerStatus;
  stop(): Promise<void>;
}

/**
 * Runs the policies from their checkpoint under one lease, catches up, then follows the log live and
 * looks at due timers every tick, until stopped. A failure ends the session; after a capped backoff the
 * next one re-reads the checkpoint, the owner ledger and the outbox and goes on.
 */
export function startPolicyRunner(options: PolicyRunnerOptions): PolicyRunnerHandle {
  return new PolicyRunner(options);
}

class PolicyRunner implements PolicyRunnerHandle {
  private readonly logger: WorkerLogger;
  private readonly lease: LeaseKeeper;
  private readonly pause = new Pause();
  private readonly running: Promise<void>;
  private session: PolicySession | undefined;
  private worker: PolicyWorker | undefined;
  /** Where the current session started from. */
  private resumedAt: bigint | null = null;
  private state: PolicyRunnerState = 'starting';
  private lastError: string | null = null;
  private stopping = false;
  private markCaughtUp!: () => void;
  private readonly firstCatchUp = new Promise<void>((resolve) => (this.markCaughtUp = resolve));

  constructor(private readonly options: PolicyRunnerOptions) {
    this.logger = options.logger ?? silentLogger;
    const token = options.instanceId ?? `${hostname()}:${process.pid}:${randomUUID()}`;
    this.lease = new LeaseKeeper(options.readStore, [POLICIES], token, options.leaseMs ?? 10_000);
    this.running = this.run();
  }

  caughtUp(): Promise<void> {
    return this.firstCatchUp;
  }

  async tick(): Promise<void> {
    await this.session?.tick();
  }

  status(): PolicyRunnerStatus {
    const position = this.worker?.checkpoint;
    return {
      state: this.state,
      position: position === undefined || position === null ? null : String(position),
      digest: this.options.digest,
      lastError: this.lastError,
    };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.pause.wake();
    await this.session?.stop();
    await this.running;
  }

  private async run(): Promise<void> {
    for (let failures = 0; !this.stopping;) {
      try {
        await this.runSession();
      } catch (error) {
        if (this.stopping) break;
        const message = error instanceof Error ? error.message : String(error);
        // A session that got somewhere before failing starts the backoff over.
        const progressed = this.worker !== undefined && this.worker.checkpoint !== this.resumedAt;
        failures = progressed ? 1 : failures + 1;
        this.state = 'retrying';
        this.lastError = message;
        this.logger.error('policies failed; retrying', { error: message, failures });
        const { retryInitialMs = 100, retryMaxMs = 5000 } = this.options;
        await this.pause.sleep(backoffMs(failures - 1, retryInitialMs, retryMaxMs));
      }
    }
    await this.lease.release().catch(() => undefined);
    this.state = 'stopped';
  }

  /** One session: the lease, the checkpoint and ledger, the outbox left over, then events until stopped. */
  private async runSession(): Promise<void> {
    const { eventStore, readStore } = this.options;
    const waiting = (holder: string) => {
      this.state = 'standby';
      this.logger.info('waiting for the policies lease', { holder });
    };
    if (!(await this.lease.acquire(this.pause, () => this.stopping, waiting))) return;
    this.state = 'catching-up';
    const storeId = await eventStore.storeId();
    const checkpoint = await this.loadCheckpoint(storeId);
    this.resumedAt = checkpoint;
    const worker = new PolicyWorker(
      {
        ...this.options,
        clock: this.options.clock ?? this.options.commands.clock,
        logger: this.logger,
        ledger: await OwnerLedger.load(readStore),
        storeId,
        leases: () => this.lease.leases(),
        batchSize: this.options.batchSize ?? 500,
      },
      checkpoint,
    );
    this.worker = worker;
    const resent = await worker.resend();
    if (resent > 0)
      this.logger.info('sent the effects an earlier run left in the outbox', { effects: resent });
    const session = new PolicySession({
      eventStore,
      worker,
      batchSize: this.options.batchSize ?? 500,
      tickMs: this.options.tickMs ?? 1000,
      onCaughtUp: () => {
        if (this.state !== 'live')
          this.logger.info('policies caught up, following live', { digest: this.options.digest });
        this.state = 'live';
        this.lastError = null;
        this.markCaughtUp();
      },
    });
    this.session = session;
    this.lease.keepRenewing((lost) => session.abort(lost));
    if (this.stopping) await session.stop();
    try {
      await session.done;
    } finally {
      this.lease.stopRenewing();
      this.session = undefined;
    }
  }

  /**
   * Where the policies resume. State kept by another version, or for another log, is dropped and folded
   * again from the start: the policies then act on each lead as it is now, never on its past.
   */
  private async loadCheckpoint(storeId: string): Promise<bigint | null> {
    const { readStore } = this.options;
    const stored = (await readStore.readCheckpoints([POLICIES])).get(POLICIES) ?? null;
    const foreign = stored !== null && stored.storeId !== null && stored.storeId !== storeId;
    if (stored && stored.version === POLICIES_VERSION && !foreign) return stored.position;
    const why =
      stored === null ? 'no checkpoint' : foreign ? 'kept for another log' : `version ${stored.version}`;
    this.logger.info('policies start from the beginning of the log', { why });
    await readStore.drop(POLICIES);
    return null;
  }
}
