import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';
import type { Acknowledgement } from './append-child';

const ROOT = resolve(__dirname, '../..');
const CHILD = join(__dirname, 'append-child.ts');
/** Acknowledgements to see before the kill. */
const ACKNOWLEDGED = 500;

interface Run {
  readonly acknowledged: Acknowledgement[];
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Runs the child, SIGKILLs it right after the Nth acknowledgement, and returns every one it printed. */
function appendUntilKilled(path: string, synchronous: 'normal' | 'full'): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-r', './test/support/register-ts.js', CHILD, path, synchronous], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged: Acknowledgement[] = [];
    let pending = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) acknowledged.push(JSON.parse(line) as Acknowledgement);
      if (acknowledged.length >= ACKNOWLEDGED && child.exitCode === null) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    // `close` waits for stdout to end: every line the child got out before dying has been read.
    child.on('close', (_code, signal) => done({ acknowledged, signal, stderr }));
  });
}

describe.each(['normal', 'full'] as const)(
  'SqliteEventStore killed with SIGKILL (synchronous: %s)',
  (synchronous) => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'leadger-kill9-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('loses no acknowledged append and leaves revisions and positions gap-free', async () => {
      const path = join(dir, 'events.sqlite');

      const run = await appendUntilKilled(path, synchronous);

      expect(run.stderr).toBe('');
      expect(run.signal).toBe('SIGKILL');
      expect(run.acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED);

      const store = new SqliteEventStore({ path, synchronous });
      try {
        const all = await store.readAll({ maxCount: 1_000_000 });
        // Everything acknowledged is there, where the acknowledgement said.
        const byId = new Map(all.map((event) => [event.id, event]));
        for (const ack of run.acknowledged) {
          const stored = byId.get(ack.id);
          expect(stored && [stored.streamName, String(stored.revision), String(stored.position)]).toEqual([
            ack.stream,
            ack.revision,
            ack.position,
          ]);
        }
        // At most the one append in flight at the kill may be there without an acknowledgement.
        expect(all.length - run.acknowledged.length).toBeLessThanOrEqual(1);
        expect(all.map((event) => event.position)).toEqual(all.map((_, i) => BigInt(i + 1)));
        const streams = [...new Set(all.map((event) => event.streamName))];
        for (const stream of streams) {
          const result = await store.readStream(stream);
          if (!result.found) throw new Error(`${stream} missing`);
          expect(result.events.map((event) => event.revision)).toEqual(
            result.events.map((_, i) => BigInt(i)),
          );
        }
        // The store takes appends again where it stopped.
        const last = all[all.length - 1];
        const next = await store.appendToStream(
          last.streamName,
          [{ id: '00000000-0000-4000-8000-000000000000', type: 'Resumed', data: {}, metadata: {} }],
          last.revision,
        );
        expect(next.position).toBe(last.position + 1n);
      } finally {
        await store.close();
      }
    }, 30_000);
  },
);
