import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createEventStore, type EventStore } from '@leadger/event-store';
import { LEADGER_CONFIG, type LeadgerConfig } from '@leadger/config';

export const EVENT_STORE = Symbol('EVENT_STORE');

/** One event store per process, chosen by LEADGER_EVENTSTORE (or the server URL set), closed when the app shuts down. */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [LEADGER_CONFIG],
      useFactory: (config: LeadgerConfig): EventStore => createEventStore(config),
    },
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
