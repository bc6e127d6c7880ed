// Where the policies keep their state in the read store: one namespace, one checkpoint, one lease, so it
// commits atomically with the checkpoint and a flushed Redis means starting over from the log, not half of it.

export const POLICIES = 'policies';
/** Bumped when what is kept here changes shape: the namespace is then dropped and folded again from the log. */
export const POLICIES_VERSION = 1;

export const policyKeys = {
  /** ownerId → the owner's profile (JSON), folded from the `owner-` streams. */
  roster: `${POLICIES}:roster`,
  /** ownerId → open handoffs plus SALs they hold. */
  load: `${POLICIES}:load`,
  /** leadId → the owner holding it against their capacity. */
  holder: `${POLICIES}:holder`,
  /** pool → the owner its rotation served last. */
  rotation: `${POLICIES}:rotation`,
  /** Durable timers: leadId → when it needs another look (epoch ms). */
  due: `${POLICIES}:due`,
  /** Effects decided and committed but not yet known to be dispatched: command id → OutboxEntry (JSON). */
  outbox: `${POLICIES}:outbox`,
} as const;
