import type { Mismatch } from './log-origin';

// What a running projector reports about itself: for logs, health output and tests.

/** `refused`: the read models belong to another log and the policy is `refuse` (see `lastError`). */
export type ProjectorState =
  'starting' | 'standby' | 'catching-up' | 'live' | 'retrying' | 'refused' | 'stopped';

/** The last time read models were found built from another log (or past its end), and what was done. */
export interface MismatchReport {
  readonly action: 'rebuilt' | 'refused';
  /** ISO time it was found. */
  readonly at: string;
  readonly readModels: readonly Mismatch[];
}

export interface ProjectorStatus {
  readonly state: ProjectorState;
  /** The committed checkpoint of each projection, as a decimal string, `null` before the first commit. */
  readonly positions: Readonly<Record<string, string | null>>;
  readonly lastError: string | null;
  /** Kept for the life of the process, so health output keeps saying it; `null` when never found. */
  readonly mismatch: MismatchReport | null;
}
