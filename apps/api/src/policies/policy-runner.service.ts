import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { LEADGER_CONFIG, type LeadgerConfig } from '@leadger/config';
import type { EventStore } from '@leadger/event-store';
import { workerLogger, type Logger } from '@leadger/logging';
import type { CommandHandlerDeps } from '@leadger/lead-application';
import { LeadgerMetrics } from '@leadger/metrics';
import {
  startPolicyRunner,
  type PoliciesHandle,
  type PolicyRunnerHandle,
  type PolicyRunnerStatus,
} from '@leadger/policy-runtime';
import type { ReadStore } from '@leadger/read-store';
import { CLOCK, type Clock } from '../clock';
import { EVENT_STORE } from '../event-store/event-store.module';
import { COMMAND_HANDLER_DEPS } from '../leads/execute-lead-command';
import { ROOT_LOGGER } from '../logging/logging.module';
import { READ_STORE } from '../read-models/read-store.provider';
import { POLICIES } from './policies.token';

/**
 * Runs the policies inside the API process (LEADGER_POLICIES_RUNNER=inline, the default), on the same
 * command path as the routes (one mutex per lead, one cache), so `npm start` moves leads by the rules too.
 */
@Injectable()
export class PolicyRunnerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private runner: PolicyRunnerHandle | undefined;

  constructor(
    @Inject(LEADGER_CONFIG) private readonly config: LeadgerConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(ROOT_LOGGER) private readonly log: Logger,
    @Inject(COMMAND_HANDLER_DEPS) private readonly commands: CommandHandlerDeps,
    @Inject(POLICIES) private readonly policies: PoliciesHandle,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: LeadgerMetrics,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.policiesRunner !== 'inline') return;
    const { rules, digest } = this.policies.loaded;
    this.runner = startPolicyRunner({
      eventStore: this.eventStore,
      readStore: this.readStore,
      commands: this.commands,
      rules,
      digest,
      clock: this.clock,
      tickMs: this.config.policiesTickMs,
      leaseMs: this.config.projectorLeaseMs,
      logger: workerLogger(this.log, 'Policies'),
      onEffect: (entry, outcome) => this.metrics.policyEffect(entry.policy.name, outcome),
    });
  }

  /** `off` when this process runs no policies (workers run them). */
  status(): PolicyRunnerStatus | 'off' {
    return this.runner?.status() ?? 'off';
  }

  /** Looks at due timers now (tests that moved the clock). */
  async tick(): Promise<void> {
    await this.runner?.tick();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
  }
}
