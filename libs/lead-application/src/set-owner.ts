import type { RecordedEvent } from '@leadger/event-store';
import {
  decideOwner,
  evolveOwner,
  type OwnerCommand,
  type OwnerEvent,
  type OwnerProfile,
} from '@leadger/lead-domain';
import { observed } from './command-observer';
import { OwnerInputError, StaleRevisionError } from './errors';
import type { CommandContext, CommandHandlerDeps } from './handle-command';
import { checkSameRequest } from './idempotency';
import { foldOwner, loadOwner, profileOf, toOwnerEvent, type LoadedOwner } from './owner-stream';
import { retryOnConflict } from './retry-on-conflict';
import { toEventData } from './to-event-data';

/** Who sets an owner, and how: a lead command's context, less what only concerns leads. */
export type OwnerCommandContext = Omit<CommandContext, 'authorize' | 'policy'>;

/** What SetOwner needs of the command path: the log, the clock, new ids and the observer, if any. */
export type OwnerCommandDeps = Pick<
  CommandHandlerDeps,
  'store' | 'clock' | 'newId' | 'maxAttempts' | 'observer'
>;

export interface OwnerOutcome {
  readonly ownerId: string;
  /** The owner after the command (for a replay, after the first answer). */
  readonly owner: OwnerProfile;
  readonly revision: bigint;
  /** `$all` position of the owner's last event (of the command's, for a replay). */
  readonly position: bigint;
  /** The events the command appended: none when nothing changed. */
  readonly events: readonly OwnerEvent[];
  /** True when the command's event began the stream: the owner joined the roster. */
  readonly created: boolean;
  /** True when this answer repeats the first one given for the same idempotency key. */
  readonly replayed: boolean;
}

/**
 * SetOwner as lead commands run: read the owner's stream, fold, decide, append at the revision read (a lost
 * race is decided again), with the same metadata, hash chain and idempotency keys as a lead's events.
 */
export function setOwner(
  deps: OwnerCommandDeps,
  command: OwnerCommand,
  context: OwnerCommandContext,
): Promise<OwnerOutcome> {
  const { ownerId } = command.data;
  const commandId = context.commandId ?? deps.newId();
  return observed(deps.observer, command.type, () =>
    retryOnConflict(
      deps.maxAttempts ?? 10,
      () => attempt(deps, command, context, commandId),
      (conflict) => {
        const retried = context.expectedRevision === undefined;
        deps.observer?.conflicted(command.type, retried);
        if (!retried) throw new StaleRevisionError({ ownerId }, context.expectedRevision, conflict.actual);
      },
    ),
  );
}

async function attempt(
  deps: OwnerCommandDeps,
  command: OwnerCommand,
  context: OwnerCommandContext,
  commandId: string,
): Promise<OwnerOutcome> {
  const { ownerId } = command.data;
  const owner = await loadOwner(deps.store, ownerId);
  const earlier = owner.events.filter((event) => event.metadata.commandId === commandId);
  if (earlier.length > 0) return replay(owner, earlier, command, context.requestHash);
  if (context.expectedRevision !== undefined && context.expectedRevision !== owner.revision)
    throw new StaleRevisionError({ ownerId }, context.expectedRevision, owner.revision);
  const decision = decideOwner(command, owner.state);
  if (!decision.ok) throw new OwnerInputError(decision.field, decision.message);
  if (decision.events.length === 0) return unchanged(owner, ownerId);
  const events = toEventData(
    owner,
    decision.events,
    { ...context, commandId, command: command.type },
    deps.clock(),
  );
  const appended = await deps.store.appendToStream(owner.stream, events, owner.revision);
  return {
    ownerId,
    owner: profileOf(decision.events.reduce(evolveOwner, owner.state)),
    revision: appended.nextExpectedRevision,
    position: appended.position,
    events: decision.events,
    created: owner.revision === 'no_stream',
    replayed: false,
  };
}

/** The owner as they are: the same profile again records nothing (PUT is idempotent). */
function unchanged(owner: LoadedOwner, ownerId: string): OwnerOutcome {
  const last = owner.events[owner.events.length - 1];
  return {
    ownerId,
    owner: profileOf(owner.state),
    revision: last.revision,
    position: last.position,
    events: [],
    created: false,
    replayed: false,
  };
}

function replay(
  owner: LoadedOwner,
  earlier: readonly RecordedEvent[],
  command: OwnerCommand,
  requestHash: string | undefined,
): OwnerOutcome {
  checkSameRequest(earlier[0].metadata, command.type, requestHash);
  const last = earlier[earlier.length - 1];
  return {
    ownerId: command.data.ownerId,
    owner: profileOf(foldOwner(owner.events.filter((event) => event.revision <= last.revision))),
    revision: last.revision,
    position: last.position,
    events: earlier.map(toOwnerEvent),
    created: earlier[0].revision === 0n,
    replayed: true,
  };
}
