import {
  CommandRefusedError,
  IdempotencyKeyReusedError,
  StaleRevisionError,
  handleCommand,
  type CommandHandlerDeps,
  type PolicyStamp,
} from '@leadger/lead-application';
import type { LeadCommand } from '@leadger/lead-domain';

/**
 * An effect decided and committed with the policies' checkpoint, to be sent as a command. Its id is derived
 * from what caused it, so sending it again (after a crash, or from a second worker) is answered from the log.
 */
export interface OutboxEntry {
  /** The command's idempotency key: `policy:<name>:<event id>`, or `policy:<name>:<leadId>@<due ms>` for a timer. */
  readonly commandId: string;
  readonly command: LeadCommand;
  /** The lead's revision the effect was decided on: if the lead moved since, the effect is void. */
  readonly expectedRevision: string;
  readonly causationId: string;
  readonly correlationId: string;
  readonly policy: PolicyStamp;
  /** The owner this effect made the lead's holder ahead of its event; undone if the effect is refused. */
  readonly heldBy: string | null;
}

export type Dispatched = 'applied' | 'void';

/** How sending an effect went, as `onEffect` hears it: `error` when it failed and stays in the outbox. */
export type EffectOutcome = Dispatched | 'error';

/**
 * Sends the command as `policy:<name>`. A refusal, a stale revision or a key already used otherwise means
 * the lead moved on meanwhile: expected, `void`, not retried (the lead's newer event brings it back to the
 * policies). Anything else (the event store is down) throws, and the entry stays in the outbox.
 */
export async function dispatch(deps: CommandHandlerDeps, entry: OutboxEntry): Promise<Dispatched> {
  try {
    await handleCommand(deps, entry.command, {
      actor: `policy:${entry.policy.name}`,
      commandId: entry.commandId,
      correlationId: entry.correlationId,
      causationId: entry.causationId,
      expectedRevision: BigInt(entry.expectedRevision),
      policy: entry.policy,
      // Dated by the policies' clock, which may run behind the lead's latest event (an import's dates).
      stampedNow: true,
    });
    return 'applied';
  } catch (error) {
    if (
      error instanceof CommandRefusedError ||
      error instanceof StaleRevisionError ||
      error instanceof IdempotencyKeyReusedError
    ) {
      return 'void';
    }
    throw error;
  }
}
