// A worker thread of `seedHistory`: builds the histories of the leads it is sent and posts them back.
// Building is the costly part (deciding, hashing); the thread that owns the store only appends.
import { parentPort } from 'node:worker_threads';
import { buildLeads, type Run } from './build-leads';

parentPort?.on(
  'message',
  ({
    run,
    numbers,
    keys,
    suspects,
  }: {
    run: Run;
    numbers: Uint32Array;
    keys: Uint8Array[];
    suspects: { visitor: { stream: string; key: Uint8Array } | null; stranger: string | null }[];
  }) => {
    parentPort?.postMessage(
      buildLeads(
        run,
        numbers,
        keys.map((key) => Buffer.from(key)),
        suspects.map(({ visitor, stranger }) => ({
          visitor: visitor && { stream: visitor.stream, key: Buffer.from(visitor.key) },
          stranger,
        })),
      ),
    );
  },
);
