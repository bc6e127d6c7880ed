/** Why a commit was refused: the writer lost its lease, or the stored checkpoint is not the one it expected. */
export type CommitRefusal = 'lease' | 'checkpoint';

/**
 * A commit that changed nothing because its writer is stale: another instance holds the lease, or the
 * checkpoint moved or vanished (a flushed or restarted Redis). The projector answers by re-reading both.
 */
export class CommitRefusedError extends Error {
  readonly code = 'commit_refused';

  constructor(
    readonly reason: CommitRefusal,
    /** The lease name or checkpoint id that did not match. */
    readonly subject: string,
  ) {
    super(`commit refused: ${reason === 'lease' ? 'lease not held' : 'checkpoint moved'}: ${subject}`);
    this.name = 'CommitRefusedError';
  }
}

/** The read store cannot be reached or failed; the driver's error is kept as `cause`. */
export class ReadStoreUnavailableError extends Error {
  readonly code = 'unavailable';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReadStoreUnavailableError';
  }
}
