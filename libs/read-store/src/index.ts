// The read-model store port, its change vocabulary, and the Redis, embedded SQLite and in-memory adapters.
export * from './read-store';
export {
  ChangeSet,
  type Change,
  type FieldSlot,
  type HashGroup,
  type JsonValue,
  type ZsetGroup,
} from './change-set';
export * from './errors';
export { assertNamespace, namespaceOf } from './keys';
export { RedisReadStore, type RedisReadStoreOptions } from './redis/redis-read-store';
export { SqliteReadStore, type SqliteReadStoreOptions } from './sqlite/sqlite-read-store';
export { MemoryReadStore, type MemoryReadStoreOptions } from './memory/memory-read-store';
export { createReadStore, SQLITE_READ_MODELS_FILE, type ReadStoreConfig } from './create-read-store';
