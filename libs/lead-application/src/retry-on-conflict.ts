import { WrongExpectedRevisionError } from '@leadger/event-store';

/**
 * Runs `attempt` (read the stream, decide, append at the revision read) until its append does not lose a
 * race for the stream, `maxAttempts` times at most. `onConflict` may throw instead of retrying: a client that
 * named the revision it saw (If-Match) is told it is stale, not served a decision it did not see.
 */
export async function retryOnConflict<T>(
  maxAttempts: number,
  attempt: () => Promise<T>,
  onConflict: (error: WrongExpectedRevisionError) => void,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || n >= maxAttempts) throw error;
      onConflict(error);
      await backOff(n);
    }
  }
}

/** Random, growing pauses so writers from several processes stop colliding in lockstep. */
function backOff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(2 ** attempt, 50);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
