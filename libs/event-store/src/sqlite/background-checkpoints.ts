import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** How often the checkpointer copies the WAL back into the database file, in ms. */
const EVERY_MS = 250;
/** SQLite's own default, restored on the writer if the checkpointer thread ever stops. */
const AUTOCHECKPOINT_PAGES = 1000;

// Runs in the thread: its own connection to the file, a PASSIVE checkpoint on a timer. PASSIVE never waits
// for a lock and never blocks a writer; a checkpoint it cannot finish is taken up at the next tick.
const THREAD = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: 0 });
const tick = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
const timer = setInterval(tick, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); tick(); db.close(); parentPort.close(); });
`;

/**
 * Takes WAL checkpoints off the command path. With SQLite's automatic checkpoint, the commit that fills
 * the WAL past 1000 pages copies them into the database file (and syncs it) before its appends are
 * answered: a stall every few thousand commands, on the one thread that runs them. Here a worker thread
 * with a connection of its own checkpoints every 250 ms, on the other core, and the writer's automatic
 * checkpoint is off. If the thread fails, the writer's automatic checkpoint comes back, so the WAL never
 * grows without bound.
 */
export class BackgroundCheckpoints {
  private readonly thread: Worker;
  private readonly exited: Promise<void>;

  constructor(db: Database.Database, path: string) {
    db.pragma('wal_autocheckpoint = 0');
    this.thread = new Worker(THREAD, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), path, everyMs: EVERY_MS },
    });
    this.thread.unref();
    // An error is followed by the exit; the writer checkpoints by itself again from then on.
    this.thread.on('error', () => undefined);
    this.exited = new Promise((resolve) =>
      this.thread.once('exit', () => {
        if (db.open) db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
        resolve();
      }),
    );
  }

  /** One last checkpoint, then the thread ends (at once if it already has). */
  async stop(): Promise<void> {
    // Unref'd, the thread would not keep the process alive while its exit is awaited: a CLI would end here.
    this.thread.ref();
    this.thread.postMessage('stop');
    await this.exited;
  }
}
