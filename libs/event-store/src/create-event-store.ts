import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from './event-store';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export interface EventStoreConfig {
  /** `esdb://…` connection string; unset means the embedded SQLite store. */
  readonly eventStoreUrl?: string;
  /** Folder of the embedded store's `events.sqlite`. */
  readonly dataDir: string;
  /** `normal` survives a killed process; `full` also survives power loss, at a cost per append. */
  readonly sqliteSynchronous: 'normal' | 'full';
}

export const SQLITE_EVENTS_FILE = 'events.sqlite';

export function createEventStore(config: EventStoreConfig): EventStore {
  if (config.eventStoreUrl) return EventStoreDbEventStore.fromConnectionString(config.eventStoreUrl);
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteEventStore({
    path: join(config.dataDir, SQLITE_EVENTS_FILE),
    synchronous: config.sqliteSynchronous,
    backgroundCheckpoints: true,
  });
}
