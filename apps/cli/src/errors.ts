/** Exit codes of every command, as documented in the README. */
export const exitCodes = {
  ok: 0,
  /** The job failed, or found what it was looking for to be wrong (a broken chain, rejected rows). */
  failed: 1,
  /** Bad arguments or environment: nothing was done. */
  usage: 2,
  /** A live projector or another rebuild holds the read models: retry later. */
  busy: 3,
} as const;

/** A bad argument found by a command itself (commander finds the others): exit 2, nothing done. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A command ran to its end but its finding is a failure (a broken chain, rejected rows): exit 1. */
export class FindingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FindingError';
  }
}

/** The environment names a store that is not there (a data dir that does not exist): exit 2, nothing done. */
export class MissingStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingStoreError';
  }
}
