import type { ReadStore } from '@leadger/read-store';

/**
 * The position every one of these read models has reached: the lowest of their checkpoints, as a decimal
 * string, or `null` while any has none. An answer built after reading it reflects at least this position.
 * Given `storeId`, a checkpoint written from another event store counts as none: its position is in
 * another log, and says nothing about this one.
 */
export async function readPosition(
  store: ReadStore,
  names: readonly string[],
  storeId?: string,
): Promise<string | null> {
  const checkpoints = await store.readCheckpoints(names);
  let lowest: bigint | null = null;
  for (const name of names) {
    const checkpoint = checkpoints.get(name);
    if (!checkpoint || (storeId !== undefined && checkpoint.storeId !== storeId)) return null;
    if (lowest === null || checkpoint.position < lowest) lowest = checkpoint.position;
  }
  return lowest === null ? null : String(lowest);
}

export interface WaitResult {
  /** True when every read model reached the position before the timeout. */
  readonly reached: boolean;
  /** Where they stand now (see `readPosition`). */
  readonly position: string | null;
}

/**
 * Read-your-writes: waits until the read models have reached `position` (the `position` a command
 * answered with), polling their checkpoints, for at most `timeoutMs`. With `storeId` (see `readPosition`),
 * only checkpoints of that event store's log count.
 */
export async function waitForPosition(
  store: ReadStore,
  names: readonly string[],
  position: bigint,
  timeoutMs: number,
  pollMs = 10,
  storeId?: string,
): Promise<WaitResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await readPosition(store, names, storeId);
    if (current !== null && BigInt(current) >= position) return { reached: true, position: current };
    if (Date.now() >= deadline) return { reached: false, position: current };
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, Math.max(1, deadline - Date.now()))));
  }
}
