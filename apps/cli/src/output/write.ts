import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Writes a chunk and, when the stream's buffer is full, waits until it drains: a slow reader (a pipe, a
 * disk) holds the producer back instead of the output piling up in memory.
 */
export async function writeChunk(out: Writable, chunk: string): Promise<void> {
  if (out.write(chunk)) return;
  // `once` also rejects when the stream fails meanwhile (a closed pipe, a full disk).
  await once(out, 'drain');
}

/** Ends a file stream and waits until everything is flushed to disk. */
export async function finish(out: Writable): Promise<void> {
  if (out === process.stdout) return;
  out.end();
  await once(out, 'finish');
}
