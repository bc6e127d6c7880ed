import { readStoreContract } from './read-store.contract';
import { tempRedisReadStore, tempSqliteReadStore } from './support/temp-read-stores';

// One contract, both adapters: a real Redis (each test in its own key prefix) and a real SQLite file.
readStoreContract('redis', async () => tempRedisReadStore());
readStoreContract('sqlite', async () => tempSqliteReadStore());
