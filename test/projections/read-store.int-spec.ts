import { MemoryReadStore } from '@leadger/read-store';
import { readStoreContract } from './read-store.contract';
import { tempRedisReadStore, tempSqliteReadStore } from './support/temp-read-stores';

// One contract, every adapter: a real Redis (each test in its own key prefix), a real SQLite file, and the
// in-memory store that replays "as of" a moment write into.
readStoreContract('redis', async () => tempRedisReadStore());
readStoreContract('sqlite', async () => tempSqliteReadStore());
readStoreContract('memory', async () => {
  const store = new MemoryReadStore();
  return { store, dispose: () => store.close() };
});
