/** Runs `task` and returns how long it took in ms, with its result. */
export async function timed<T>(task: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = process.hrtime.bigint();
  const result = await task();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

/** Per second, from a count and milliseconds. */
export const perSecond = (count: number, ms: number): number => (count * 1000) / ms;

/** Runs `work(i)` for i in [0, count) with at most `concurrency` in flight, like concurrent clients. */
export async function pool(
  count: number,
  concurrency: number,
  work: (i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** One line to stderr, so progress never mixes with the table on stdout. */
export function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
