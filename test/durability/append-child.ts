// Child process of the kill -9 test: appends events one at a time, round-robin over a few streams, and
// prints one JSON line per acknowledged append the moment its promise resolves. The parent kills it with
// SIGKILL at an arbitrary moment, so some append is usually half-done when the process dies.
// Usage: node -r ./test/support/register-ts.js test/durability/append-child.ts <file> <normal|full>
import { v4 as uuid } from 'uuid';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';

/** A safety net: a child whose parent never kills it stops on its own. */
const MAX_APPENDS = 50_000;
const STREAMS = 5;

export interface Acknowledgement {
  readonly stream: string;
  readonly revision: string;
  readonly position: string;
  readonly id: string;
}

async function main(path: string, synchronous: 'normal' | 'full'): Promise<void> {
  const store = new SqliteEventStore({ path, synchronous });
  const next = new Map<string, bigint>();
  // Some bulk per event, so the WAL grows and pages are written while the kill can land.
  const padding = 'x'.repeat(512);
  for (let i = 0; i < MAX_APPENDS; i++) {
    const stream = `lead-${i % STREAMS}`;
    const revision = next.get(stream);
    const id = uuid();
    const result = await store.appendToStream(
      stream,
      [{ id, type: 'Ticked', data: { i, padding }, metadata: {} }],
      revision === undefined ? 'no_stream' : revision,
    );
    next.set(stream, result.nextExpectedRevision);
    const ack: Acknowledgement = {
      stream,
      revision: String(result.nextExpectedRevision),
      position: String(result.position),
      id,
    };
    // Writes to a pipe are synchronous on Linux: the line is with the parent before the next append.
    process.stdout.write(`${JSON.stringify(ack)}\n`);
  }
  await store.close();
}

const [path, synchronous] = process.argv.slice(2);
if (!path || (synchronous !== 'normal' && synchronous !== 'full')) {
  process.stderr.write('usage: append-child.ts <file> <normal|full>\n');
  process.exit(2);
}
main(path, synchronous).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
