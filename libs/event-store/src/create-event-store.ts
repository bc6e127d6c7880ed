import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from './event-store';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export interface EventStoreConfig {
  /**
   * Which store to open. Default: `eventstoredb` when `eventStoreUrl` is set, `postgres` when
   * `databaseUrl` is, else `sqlite` (the programs pass the choice `loadConfig` made).
   */
  readonly eventStore?: 'sqlite' | 'postgres' | 'eventstoredb';
  /** `esdb://…` connection string of the EventStoreDB server. */
  readonly eventStoreUrl?: string;
  /** `postgres://…` connection string of the PostgreSQL server. */
  readonly databaseUrl?: string;
  /** Default `leadger`: the PostgreSQL schema holding the store's tables. */
  readonly pgSchema?: string;
  /** Folder of the embedded store's `events.sqlite`. */
  readonly dataDir: string;
  /** `normal` survives a killed process; `full` also survives power loss, at a cost per append. */
  readonly sqliteSynchronous: 'normal' | 'full';
}

export const SQLITE_EVENTS_FILE = 'events.sqlite';

export function createEventStore(config: EventStoreConfig): EventStore {
  const kind =
    config.eventStore ?? (config.eventStoreUrl ? 'eventstoredb' : config.databaseUrl ? 'postgres' : 'sqlite');
  if (kind === 'eventstoredb')
    return EventStoreDbEventStore.fromConnectionString(required(config.eventStoreUrl));
  if (kind === 'postgres')
    return new PostgresEventStore({
      connectionString: required(config.databaseUrl),
      schema: config.pgSchema,
    });
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteEventStore({
    path: join(config.dataDir, SQLITE_EVENTS_FILE),
    synchronous: config.sqliteSynchronous,
    backgroundCheckpoints: true,
  });
}

/** A server store's URL; `loadConfig` refuses a configuration without it, so this is a caller's mistake. */
function required(url: string | undefined): string {
  if (!url) throw new RangeError('the event store chosen needs its server URL');
  return url;
}
