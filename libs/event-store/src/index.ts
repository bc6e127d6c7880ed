export * from './event-store';
export * from './errors';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { SqliteGroupCommit, type GroupCommitOptions } from './sqlite/group-commit';
export { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { createEventStore, SQLITE_EVENTS_FILE, type EventStoreConfig } from './create-event-store';
export { StreamsFollower } from './streams-follower';
export { occurredAtMs, occurredBefore } from './occurred-at';
