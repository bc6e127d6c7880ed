import { Module } from '@nestjs/common';
import type { EventStore } from '@leadger/event-store';
import { OwnerRoster } from '@leadger/lead-application';
import { EVENT_STORE } from '../event-store/event-store.module';
import { LeadsModule } from '../leads/leads.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { ExecuteSetOwnerHandler } from './execute-set-owner';
import { GetOwnerHandler, ListOwnersHandler } from './owner-queries';
import { OwnersController } from './owners.controller';
import { RosterLoads } from './roster-loads';

/** The owner roster over HTTP: SetOwner on the lead commands' path, the roster read from the log. */
@Module({
  imports: [LeadsModule, ReadModelsModule],
  controllers: [OwnersController],
  providers: [
    {
      provide: OwnerRoster,
      inject: [EVENT_STORE],
      useFactory: (store: EventStore) => new OwnerRoster(store),
    },
    RosterLoads,
    ExecuteSetOwnerHandler,
    GetOwnerHandler,
    ListOwnersHandler,
  ],
})
export class OwnersModule {}
