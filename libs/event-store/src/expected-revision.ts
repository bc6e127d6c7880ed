import type { ExpectedRevision } from './event-store';

/** A stream's last revision, or `no_stream`: what `expected` is checked against. */
export type Actual = bigint | 'no_stream';

/** Whether an append expecting `expected` may go ahead on a stream at `actual`. */
export function holds(expected: ExpectedRevision, actual: Actual): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === 'no_stream';
  if (expected === 'stream_exists') return actual !== 'no_stream';
  return actual === expected;
}

/** Where the retried batch must start for the retry to be the same append: `undefined` is anywhere. */
export function retryStart(expected: ExpectedRevision): bigint | undefined {
  if (expected === 'no_stream') return 0n;
  if (typeof expected === 'bigint') return expected + 1n;
  return undefined;
}
