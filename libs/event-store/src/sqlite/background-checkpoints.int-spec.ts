import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';

describe('background checkpoints', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'leadger-checkpoints-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const fill = async (store: SqliteEventStore, streams: number) => {
    const data = { note: 'x'.repeat(2000) };
    await Promise.all(
      Array.from({ length: streams }, (_, i) =>
        store.appendToStream(
          `lead-${i}`,
          [{ id: randomUUID(), type: 'Noted', data, metadata: {} }],
          'no_stream',
        ),
      ),
    );
  };
  const sizes = (path: string) => ({ db: statSync(path).size });

  it('copies the WAL into the database file from another thread, within a moment of the appends', async () => {
    const path = join(dir, 'events.sqlite');
    const store = new SqliteEventStore({ path, backgroundCheckpoints: true });
    const before = sizes(path).db;
    await fill(store, 3000); // about 1500 pages: past the point where the writer would checkpoint itself
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(sizes(path).db).toBeGreaterThan(before + 4_000_000);
    await store.close();
  });

  it('reads everything appended, and closes (with a last checkpoint) without waiting for the timer', async () => {
    const path = join(dir, 'events.sqlite');
    const store = new SqliteEventStore({ path, backgroundCheckpoints: true });
    await fill(store, 50);
    await store.close();
    const reopened = new SqliteEventStore({ path });
    expect(await reopened.headPosition()).toBe(50n);
    await reopened.close();
  });

  it('keeps a process that closes the store alive until the close is done (a CLI says its answer after it)', () => {
    const script = `
      const { SqliteEventStore } = require('./libs/event-store/src/sqlite/sqlite-event-store.ts');
      const store = new SqliteEventStore({ path: ${JSON.stringify(join(dir, 'events.sqlite'))}, backgroundCheckpoints: true });
      store.close().then(() => console.log('closed'));`;
    const output = execFileSync(process.execPath, ['-r', './tools/register-ts.js', '-e', script], {
      cwd: join(__dirname, '../../../..'),
      encoding: 'utf8',
    });
    expect(output.trim()).toBe('closed');
  });
});
