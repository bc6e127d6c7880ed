import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { LEADGER_CONFIG, type LeadgerConfig } from '@leadger/config';
import type { EventStore } from '@leadger/event-store';
import { startPolicies, type PoliciesHandle } from '@leadger/policy-runtime';
import { EVENT_STORE } from '../event-store/event-store.module';
import { PoliciesController } from './policies.controller';
import { POLICIES } from './policies.token';

const logger = new Logger('Policies');

/**
 * The rules file (LEADGER_POLICIES), validated at start — a bad file stops the app, naming each line and
 * field — and recorded as PoliciesChanged when it differs from the last rules recorded (in the background
 * when the event store is down at start, as the rest of the app waits for it); GET /policies.
 */
@Global()
@Module({
  controllers: [PoliciesController],
  providers: [
    {
      provide: POLICIES,
      inject: [LEADGER_CONFIG, EVENT_STORE],
      useFactory: async (config: LeadgerConfig, store: EventStore): Promise<PoliciesHandle> => {
        const policies = startPolicies(store, config.policiesFile, {
          onRetry: (error, attempt) =>
            logger.warn(`could not record the rules yet (attempt ${attempt}): ${error.message}`),
        });
        void policies.inForce.then(({ digest, source, changedAt }) =>
          logger.log(`rules ${digest.slice(0, 12)} from ${source}, in force since ${changedAt}`),
        );
        await policies.firstAttempt;
        return policies;
      },
    },
  ],
  exports: [POLICIES],
})
export class PoliciesModule implements OnApplicationShutdown {
  constructor(@Inject(POLICIES) private readonly policies: PoliciesHandle) {}

  onApplicationShutdown(): void {
    this.policies.stop();
  }
}
