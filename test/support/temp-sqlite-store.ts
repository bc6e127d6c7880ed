import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';

/** A SQLite event store in a fresh temp dir; `dispose` closes it and removes the dir. */
export function tempSqliteStore(): { store: SqliteEventStore; dir: string; dispose: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'leadger-'));
  const store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), pollIntervalMs: 20 });
  return {
    store,
    dir,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
