import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { KeyedMutex, LeadCache, type CommandHandlerDeps } from '@leadger/lead-application';
import { LEADGER_CONFIG, type LeadgerConfig } from '@leadger/config';
import type { EventStore } from '@leadger/event-store';
import { EVENT_STORE } from '../event-store/event-store.module';
import { COMMAND_HANDLER_DEPS, ExecuteLeadCommandHandler } from './execute-lead-command';
import { LeadCommandsController } from './lead-commands.controller';
import { GetLeadHandler, GetLeadHistoryHandler } from './lead-queries';
import { LeadQueriesController } from './lead-queries.controller';

@Module({
  controllers: [LeadCommandsController, LeadQueriesController],
  providers: [
    {
      provide: COMMAND_HANDLER_DEPS,
      inject: [EVENT_STORE, LEADGER_CONFIG],
      useFactory: (store: EventStore, config: LeadgerConfig): CommandHandlerDeps => ({
        store,
        clockToleranceMs: config.clockToleranceSeconds * 1000,
        clock: () => new Date(),
        newId: randomUUID,
        mutex: new KeyedMutex(),
        cache: new LeadCache(),
      }),
    },
    ExecuteLeadCommandHandler,
    GetLeadHandler,
    GetLeadHistoryHandler,
  ],
})
export class LeadsModule {}
