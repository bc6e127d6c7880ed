import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { EventStore } from '@leadger/event-store';
import { CommitRefusedError, type ReadStore } from '@leadger/read-store';
import { allProjections } from '../all-projections';
import type { Projection } from '../projection';
import { backoffMs, Pause } from '@leadger/subscriptions';
import { LeaseKeeper, LeaseLostError } from '@leadger/subscriptions';
import { loadCursors } from './load-cursors';
import { checkOrigin, ReadModelMismatchError, type ReadModelMismatchPolicy } from './log-origin';
import type { MismatchReport, ProjectorState, ProjectorStatus } from './projector-status';
import { silentLogger, type WorkerLogger } from '@leadger/subscriptions';
import type { ProjectionCursor } from './project-batch';
import { ProgressLog } from './progress-log';
import { Session } from './session';

export type { MismatchReport, ProjectorState, ProjectorStatus } from './projector-status';

export interface ProjectorOptions {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  /** Default: every projection (funnel, pipeline, nurture, handoffs). */
  readonly projections?: readonly Projection[];
  /** Events per committed batch. Default 2000. */
  readonly batchSize?: number;
  /** How long a partial batch of live events waits for more before it is committed. Default 5 ms. */
  readonly flushDelayMs?: number;
  /** Lease time; renewed every third of it, taken over by a waiting instance once it lapses. Default 10 s. */
  readonly leaseMs?: number;
  /** First pause after a failure; doubles per failure in a row. Default 100 ms. */
  readonly retryInitialMs?: number;
  /** Longest pause between retries. Default 5 s. */
  readonly retryMaxMs?: number;
  /** Identifies this instance in its leases. Default `<host>:<pid>:<uuid>`. */
  readonly instanceId?: string;
  /** Default: log nothing. */
  readonly logger?: WorkerLogger;
  /**
   * Read models built from another log, or past this log's end: `rebuild` them from this log (default), or
   * `refuse` to run, touching nothing, until they are rebuilt by hand (`leadger rebuild`) or the config fixed.
   */
  readonly onReadModelMismatch?: ReadModelMismatchPolicy;
}

export interface ProjectorHandle {
  /** Commits what was read, releases the leases, and resolves when nothing runs any more. */
  stop(): Promise<void>;
  /** Resolves the first time every projection has caught up with the log. */
  caughtUp(): Promise<void>;
  status(): ProjectorStatus;
}

/**
 * Runs projections from their checkpoints, catches up, then follows the log live, until stopped. Takes
 * the projections' leases first (waiting while another instance holds them). Any failure — event store or
 * read store gone, a commit refused because the lease or checkpoint moved (a flushed Redis) — ends the
 * session; after a capped exponential backoff the next one re-reads the leases and checkpoints and goes on.
 */
export function startProjector(options: ProjectorOptions): ProjectorHandle {
  return new Projector(options);
}

class Projector implements ProjectorHandle {
  private readonly projections: readonly Projection[];
  private readonly logger: WorkerLogger;
  private readonly leases: LeaseKeeper;
  private readonly pause = new Pause();
  private readonly progress: ProgressLog;
  private readonly running: Promise<void>;
  private session: Session | undefined;
  private cursors: readonly ProjectionCursor[] = [];
  private state: ProjectorState = 'starting';
  private lastError: string | null = null;
  private mismatch: MismatchReport | null = null;
  private stopping = false;
  /** Whether the current session has committed anything. */
  private progressed = false;
  private markCaughtUp!: () => void;
  private readonly firstCatchUp = new Promise<void>((resolve) => (this.markCaughtUp = resolve));

  constructor(private readonly options: ProjectorOptions) {
    this.projections = options.projections ?? allProjections;
    this.logger = options.logger ?? silentLogger;
    this.progress = new ProgressLog(this.logger);
    const token = options.instanceId ?? `${hostname()}:${process.pid}:${randomUUID()}`;
    const names = this.projections.map((p) => p.name);
    this.leases = new LeaseKeeper(options.readStore, names, token, options.leaseMs ?? 10_000);
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.pause.wake();
    await this.session?.stop();
    await this.running;
  }

  caughtUp(): Promise<void> {
    return this.firstCatchUp;
  }

  status(): ProjectorStatus {
    const positions: Record<string, string | null> = {};
    for (const c of this.cursors)
      positions[c.projection.name] = c.checkpoint === null ? null : String(c.checkpoint);
    return { state: this.state, positions, lastError: this.lastError, mismatch: this.mismatch };
  }

  private async run(): Promise<void> {
    for (let failures = 0; !this.stopping;) {
      this.progressed = false;
      try {
        await this.runSession();
      } catch (error) {
        if (this.stopping) break;
        const { retryInitialMs = 100, retryMaxMs = 5000 } = this.options;
        if (error instanceof ReadModelMismatchError) {
          // Nothing to retry soon: a person has to act. Look again now and then, holding no lease meanwhile.
          await this.refuse(error);
          await this.pause.sleep(retryMaxMs);
          continue;
        }
        // A session that got somewhere before failing starts the backoff over.
        failures = this.recover(error, this.progressed ? 0 : failures);
        await this.pause.sleep(backoffMs(failures - 1, retryInitialMs, retryMaxMs));
      }
    }
    await this.leases.release().catch(() => undefined);
    this.state = 'stopped';
    this.logger.info('projector stopped', { token: this.leases.token });
  }

  /** One session: leases, checkpoints, then events until stopped or failed. */
  private async runSession(): Promise<void> {
    const { eventStore, readStore, onReadModelMismatch = 'rebuild' } = this.options;
    if (onReadModelMismatch === 'refuse') {
      // Checked before the leases are taken, so a refusing projector never holds them: `leadger rebuild`
      // must be able to take them to put things right.
      const { log, mismatches } = await checkOrigin(readStore, eventStore, this.names());
      if (mismatches.length > 0) throw new ReadModelMismatchError(mismatches, log);
    }
    const waiting = (holder: string) => {
      this.state = 'standby';
      this.logger.info('waiting for the projection leases', { holder });
    };
    if (!(await this.leases.acquire(this.pause, () => this.stopping, waiting))) return;
    this.state = 'catching-up';
    const loaded = await loadCursors(
      readStore,
      eventStore,
      this.projections,
      this.logger,
      onReadModelMismatch,
    );
    this.cursors = loaded.cursors;
    if (loaded.rebuilt.length > 0)
      this.mismatch = { action: 'rebuilt', at: new Date().toISOString(), readModels: loaded.rebuilt };
    const session = new Session({
      eventStore,
      readStore,
      cursors: this.cursors,
      storeId: loaded.storeId,
      leases: () => this.leases.leases(),
      batchSize: this.options.batchSize ?? 2000,
      flushDelayMs: this.options.flushDelayMs ?? 5,
      untilCaughtUp: false,
      onCommitted: (position, events) => {
        this.progressed = true;
        this.progress.committed(position, events);
      },
      onCaughtUp: () => this.onCaughtUp(),
    });
    this.session = session;
    this.leases.keepRenewing((lost) => session.abort(lost));
    if (this.stopping) await session.stop();
    try {
      await session.done;
    } finally {
      this.leases.stopRenewing();
      this.session = undefined;
    }
  }

  private onCaughtUp(): void {
    if (this.state !== 'live') this.logger.info('caught up, following live', this.status().positions);
    this.state = 'live';
    this.lastError = null;
    this.markCaughtUp();
  }

  private names(): string[] {
    return this.projections.map((p) => p.name);
  }

  /** Gives the leases back and says why it will not run, once per distinct reason. */
  private async refuse(error: ReadModelMismatchError): Promise<void> {
    await this.leases.release().catch(() => undefined);
    if (this.state === 'refused' && this.lastError === error.message) return;
    this.logger.error('refusing to run: read models do not belong to this log', { error: error.message });
    this.state = 'refused';
    this.lastError = error.message;
    this.mismatch = { action: 'refused', at: new Date().toISOString(), readModels: error.mismatches };
  }

  /** Logs a failure and returns the count of failures in a row (a refused commit retries at once). */
  private recover(error: unknown, failures: number): number {
    const message = error instanceof Error ? error.message : String(error);
    this.lastError = message;
    this.state = 'retrying';
    if (
      error instanceof LeaseLostError ||
      (error instanceof CommitRefusedError && error.reason === 'lease')
    ) {
      this.logger.warn('lease lost; taking it again or waiting for it', { error: message });
      return 1;
    }
    if (error instanceof CommitRefusedError) {
      this.logger.warn('checkpoint moved (read store flushed?); re-reading checkpoints', { error: message });
      return 1;
    }
    this.logger.error('projector failed; retrying', { error: message, failures: failures + 1 });
    return failures + 1;
  }
}
