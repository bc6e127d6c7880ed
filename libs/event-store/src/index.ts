export * from './event-store';
export * from './errors';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
export { createEventStore, type EventStoreConfig } from './create-event-store';
