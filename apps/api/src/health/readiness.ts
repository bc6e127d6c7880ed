import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { LEADGER_CONFIG, type LeadgerConfig } from '@leadger/config';
import type { EventStore } from '@leadger/event-store';
import { consumerLag, LeadgerMetrics } from '@leadger/metrics';
import { allProjections, checkOrigin, describeMismatch } from '@leadger/projections';
import type { ReadStore } from '@leadger/read-store';
import { EVENT_STORE } from '../event-store/event-store.module';
import { PolicyRunnerService } from '../policies/policy-runner.service';
import { ProjectorRunner } from '../read-models/projector-runner';
import { READ_STORE } from '../read-models/read-store.provider';
import { countsForReadiness, lagging } from './lagging';

/**
 * How long one store may take to answer a readiness probe. A store that does not answer within it is down:
 * a blackholed host would otherwise hold the probe for the driver's own connect timeout (10 s and more),
 * past what load balancers and Kubernetes wait.
 */
export const PROBE_TIMEOUT_MS = 2000;

/**
 * Projector (and policy runner) states in which nothing is kept up to date: failing and retrying, stopped,
 * or refusing read models built from another log (LEADGER_READ_MODEL_MISMATCH=refuse).
 */
const PROJECTOR_DOWN: ReadonlySet<string> = new Set(['retrying', 'refused', 'stopped']);

/**
 * Terminus' result, with one status of our own: `degraded` when everything is up but the policies (or a
 * webhook subscription) are further behind the log than LEADGER_READY_MAX_LAG_SECONDS.
 */
export type ReadinessResult = Omit<HealthCheckResult, 'status'> & {
  readonly status: HealthCheckResult['status'] | 'degraded';
};

/**
 * Readiness: every store answers and the projector is not failing. Answers terminus' result either way
 * (`status` `ok`, `degraded` or `error`, `error` naming each component that is down), for the controller to
 * send with 200 (ok, degraded) or 503.
 */
@Injectable()
export class Readiness {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly projector: ProjectorRunner,
    private readonly policies: PolicyRunnerService,
    private readonly metrics: LeadgerMetrics,
    @Inject(LEADGER_CONFIG) private readonly config: LeadgerConfig,
  ) {}

  async check(): Promise<ReadinessResult> {
    const result = await this.components();
    const behind = result.info?.lag?.lagging;
    return result.status === 'ok' && Array.isArray(behind) && behind.length > 0
      ? { ...result, status: 'degraded' }
      : result;
  }

  private async components(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.probe('eventStore', this.eventStore.kind, () => this.eventStore.ping()),
        () =>
          this.probe('readStore', this.readStore.kind, async () => {
            await this.readStore.readCheckpoints(allProjections.map((p) => p.name));
          }),
        () => this.readModelsOrigin(),
        () => this.projectorState(),
        () => this.policiesState(),
        () => this.lag(),
      ]);
    } catch (error) {
      // Terminus reports "not ready" by throwing its result inside a 503 exception.
      if (error instanceof ServiceUnavailableException) return error.getResponse() as HealthCheckResult;
      throw error;
    }
  }

  private async probe(name: string, kind: string, ping: () => Promise<void>) {
    const session = this.indicators.check(name);
    try {
      await this.withinTimeout(ping());
      return session.up({ kind });
    } catch (error) {
      return session.down({ kind, message: (error as Error).message });
    }
  }

  private async withinTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)),
        PROBE_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Read models of another log (or past this log's end) answer queries with another log's figures. Checked
   * here too, not only by the projector: with LEADGER_PROJECTOR=off the projector runs in a worker that has
   * no health endpoint of its own. A store that does not answer is reported by its own probe, not here.
   */
  private async readModelsOrigin() {
    const session = this.indicators.check('readModels');
    const names = allProjections.map((p) => p.name);
    let mismatches;
    try {
      ({ mismatches } = await this.withinTimeout(checkOrigin(this.readStore, this.eventStore, names)));
    } catch (error) {
      return session.up({ checked: false, message: (error as Error).message });
    }
    return mismatches.length === 0
      ? session.up({ checked: true })
      : session.down({ message: mismatches.map(describeMismatch).join('; '), mismatches });
  }

  /**
   * Policies (or webhook subscriptions) far behind the log: leads wait to be routed, integrations to be
   * told. Reported up, with `lagging` naming them, and the whole answer `degraded` but still 200: the API
   * serves commands and queries as well as ever, so a load balancer should keep routing to it. Measured
   * from the checkpoints in the read store, so a runner in a worker is seen too. A store that does not
   * answer is reported by its own probe, not here.
   */
  private async lag() {
    const session = this.indicators.check('lag');
    const maxSeconds = this.config.readyMaxLagSeconds;
    try {
      const consumers = (await this.metrics.consumers.list()).filter(countsForReadiness);
      const lags = await this.withinTimeout(
        consumerLag(this.eventStore, this.readStore, consumers, new Date()),
      );
      return session.up({ maxSeconds, lagging: lagging(lags, maxSeconds) });
    } catch (error) {
      return session.up({ checked: false, message: (error as Error).message });
    }
  }

  /** Policies that are retrying or stopped move no lead by the rules; `off` run elsewhere. */
  private policiesState() {
    const session = this.indicators.check('policies');
    const status = this.policies.status();
    if (status === 'off') return session.up({ state: 'off' });
    return PROJECTOR_DOWN.has(status.state) ? session.down({ ...status }) : session.up({ ...status });
  }

  /** A projector that is retrying or stopped keeps no read model up to date; `off` runs elsewhere. */
  private projectorState() {
    const session = this.indicators.check('projector');
    const status = this.projector.status();
    if (status === 'off') return session.up({ state: 'off' });
    const details = { ...status };
    return PROJECTOR_DOWN.has(status.state) ? session.down(details) : session.up(details);
  }
}
