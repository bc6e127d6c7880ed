// The reliability suite runs in two sizes. `npm run test:reliability` sets LEADGER_RELIABILITY=full: the
// issue's sizes (10k commands, ≥ 10k fuzzed requests). Plain `jest` / `npm test` (CI) runs the same tests on
// smaller loads, so the whole suite stays around a minute on two cores.

/** True under `npm run test:reliability` (LEADGER_RELIABILITY=full). */
export const fullMode = process.env.LEADGER_RELIABILITY === 'full';

export const sizes = fullMode
  ? {
      /** Commands sent to the all-in-one process that is killed with SIGKILL. */
      killCommands: 10_000,
      /** Commands sent while Redis is flushed. */
      flushCommands: 10_000,
      /** Generated bad requests. */
      fuzzRequests: 12_000,
    }
  : { killCommands: 4_000, flushCommands: 4_000, fuzzRequests: 5_000 };

export const mode = fullMode ? 'full' : 'reduced';

/** A seed from the environment variable `name`, or `fallback`. */
export function seedFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`${name} must be an integer, got "${raw}"`);
  return seed;
}
