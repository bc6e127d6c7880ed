import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { KeyedMutex, LeadCache, type CommandHandlerDeps, type LeadIdentity } from '@leadger/lead-application';
import { LEADGER_CONFIG, type LeadgerConfig } from '@leadger/config';
import type { EventStore } from '@leadger/event-store';
import { LeadgerMetrics } from '@leadger/metrics';
import { LEAD_IDENTITY } from '../auth/identity.module';
import { CLOCK, type Clock } from '../clock';
import { EVENT_STORE } from '../event-store/event-store.module';
import { COMMAND_HANDLER_DEPS, ExecuteLeadCommandHandler } from './execute-lead-command';
import { CaptureLeadController } from './capture-lead.controller';
import { LeadActionsController } from './lead-actions.controller';
import { LeadCommandRunner } from './lead-command-runner';
import { VerifyLeadChainHandler } from './lead-chain';
import { GetLeadHandler, GetLeadHistoryHandler } from './lead-queries';
import { LeadQueriesController } from './lead-queries.controller';
import { SuspectsController } from '../suspects/suspects.controller';

@Module({
  controllers: [CaptureLeadController, LeadActionsController, LeadQueriesController, SuspectsController],
  providers: [
    {
      provide: COMMAND_HANDLER_DEPS,
      inject: [EVENT_STORE, LEADGER_CONFIG, LEAD_IDENTITY, CLOCK, LeadgerMetrics],
      useFactory: (
        store: EventStore,
        config: LeadgerConfig,
        identity: LeadIdentity,
        clock: Clock,
        metrics: LeadgerMetrics,
      ): CommandHandlerDeps => {
        const cache = new LeadCache();
        metrics.watchLeadCache(cache);
        return {
          store,
          personalData: identity.personalData,
          clockToleranceMs: config.clockToleranceSeconds * 1000,
          clock,
          newId: randomUUID,
          mutex: new KeyedMutex(),
          cache,
          observer: metrics.commands,
        };
      },
    },
    ExecuteLeadCommandHandler,
    LeadCommandRunner,
    GetLeadHandler,
    GetLeadHistoryHandler,
    VerifyLeadChainHandler,
  ],
  exports: [COMMAND_HANDLER_DEPS],
})
export class LeadsModule {}
