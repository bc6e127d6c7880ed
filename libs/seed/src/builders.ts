import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SuspectStreams } from './journeys';
import { buildLeads, type BuiltLead, type Run } from './build-leads';

/** Builds chunks of leads, here or in worker threads; results come back in the order asked. */
export interface Builders {
  /** Builds the leads numbered `numbers`, `keys[i]` sealing lead `numbers[i]`, `suspects[i]` its visitors' streams. */
  build(
    numbers: Uint32Array,
    keys: readonly Buffer[],
    suspects: readonly SuspectStreams[],
  ): Promise<BuiltLead[]>;
  close(): Promise<void>;
}

/** Builds in this thread: nothing to start, and works wherever the code runs (Jest included). */
export function inThread(run: Run): Builders {
  return {
    build: async (numbers, keys, suspects) => buildLeads(run, numbers, keys, suspects),
    close: async () => undefined,
  };
}

/**
 * `count` worker threads, each given chunks in turn. A worker runs the same file as this one: the built
 * `.js`, or the `.ts` source when this process runs the sources through tools/register-ts.js (a worker
 * inherits the process's `-r` options). Returns null when neither can be loaded (under Jest), and the
 * caller builds in its own thread.
 */
export function workerThreads(run: Run, count: number): Builders | null {
  const file = [join(__dirname, 'seed-worker.js'), join(__dirname, 'seed-worker.ts')].find(existsSync);
  const canLoad = file?.endsWith('.js') || process.execArgv.some((arg) => arg.includes('register-ts'));
  if (!file || !canLoad || count < 1) return null;
  let failed: Error | undefined;
  const workers = Array.from({ length: count }, () =>
    new Worker(file, { execArgv: process.execArgv }).on('error', (error) => (failed ??= error)),
  );
  // Each worker answers its chunks in order; `queues` chains them so answers cannot be mixed up.
  const queues = workers.map(() => Promise.resolve<unknown>(undefined));
  let next = 0;
  return {
    build(numbers, keys, suspects) {
      const index = next++ % workers.length;
      const worker = workers[index];
      const answer = queues[index].then(
        () =>
          new Promise<BuiltLead[]>((resolve, reject) => {
            if (failed) return reject(failed);
            const onExit = () => reject(failed ?? new Error('a seed worker stopped'));
            worker.once('exit', onExit);
            worker.once('message', (built: BuiltLead[]) => {
              worker.off('exit', onExit);
              resolve(built);
            });
            worker.postMessage({ run, numbers, keys, suspects });
          }),
      );
      queues[index] = answer.catch(() => undefined);
      return answer;
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
