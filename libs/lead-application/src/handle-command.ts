import type { EventStore, RecordedEvent } from '@leadger/event-store';
import { decide, evolve, type LeadCommand, type LeadEvent, type LeadState } from '@leadger/lead-domain';
import { DEFAULT_CLOCK_TOLERANCE_MS, futureRefusal } from './business-time';
import { observed, type CommandObserver } from './command-observer';
import type { PolicyStamp } from './event-metadata';
import { CommandRefusedError, StaleRevisionError } from './errors';
import { checkSameRequest } from './idempotency';
import type { KeyedMutex } from './keyed-mutex';
import { indexLead, type IndexedLead, type LeadCache } from './lead-cache';
import { foldLead, loadLead, toLeadEvent, type LoadedLead } from './lead-stream';
import type { PersonalData } from './personal-data';
import { retryOnConflict } from './retry-on-conflict';
import { toEventData } from './to-event-data';

/** Who sent the command and how, from the HTTP request or the CLI. */
export interface CommandContext {
  /** The authenticated principal's id, kept as the events' `actor`. */
  readonly actor: string;
  /** The person a service acts for, kept as `onBehalfOf`. */
  readonly onBehalfOf?: string;
  /**
   * Object-level access: called with the lead as loaded, before anything is decided; it throws to refuse
   * (a sales rep's command on another rep's lead), and nothing is appended.
   */
  readonly authorize?: (state: LeadState) => void;
  /** The idempotency key: a retry with the same one returns the first answer and appends nothing. */
  readonly commandId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** The revision the client last saw (If-Match); the command fails with StaleRevisionError otherwise. */
  readonly expectedRevision?: bigint;
  /**
   * A digest of the request as the client sent it, kept in the metadata: a retry with the same key but
   * another digest is refused, not answered with the first outcome. Default: only the command type is compared.
   */
  readonly requestHash?: string;
  /** Set when a policy issues the command: kept in the metadata, so history says which rule moved the lead. */
  readonly policy?: PolicyStamp;
  /**
   * The command's occurredAt is the server's "now", not a time the client gave. Should the lead's latest
   * event be later (another API process decided a command on it first, or runs its clock a little ahead),
   * the command takes that event's time instead of being refused as backdated.
   */
  readonly stampedNow?: boolean;
}

export interface CommandOutcome {
  readonly leadId: string;
  readonly state: LeadState;
  readonly revision: bigint;
  readonly position: bigint;
  /** The events this command produced. */
  readonly events: readonly LeadEvent[];
  /** True when this answer repeats the first one given for the same idempotency key. */
  readonly replayed: boolean;
}

export interface CommandHandlerDeps {
  readonly store: EventStore;
  /** Seals each event's personal fields with the lead's data key before it is stored. */
  readonly personalData: PersonalData;
  readonly clock: () => Date;
  readonly newId: () => string;
  /** Queues commands per lead within this process; without it, they race and retry. */
  readonly mutex?: KeyedMutex;
  /** Keeps folded leads between commands, so long streams are not read whole each time. */
  readonly cache?: LeadCache;
  /** How often a command is decided again after losing a race for the stream. Default 10. */
  readonly maxAttempts?: number;
  /** How far past the clock a command's occurredAt may be. Default five minutes. */
  readonly clockToleranceMs?: number;
  /** Hears each command's result, latency and lost races (metrics). Default: none. */
  readonly observer?: CommandObserver;
}

/** Load, fold, decide, append at the exact revision read; on a lost race, load and decide again. */
export function handleCommand(
  deps: CommandHandlerDeps,
  command: LeadCommand,
  context: CommandContext,
): Promise<CommandOutcome> {
  const work = () => decideAndAppend(deps, command, context);
  return observed(deps.observer, command.type, () =>
    deps.mutex ? deps.mutex.run(command.data.leadId, work) : work(),
  );
}

async function decideAndAppend(
  deps: CommandHandlerDeps,
  command: LeadCommand,
  context: CommandContext,
): Promise<CommandOutcome> {
  const leadId = command.data.leadId;
  const commandId = context.commandId ?? deps.newId();
  return retryOnConflict(
    deps.maxAttempts ?? 10,
    () => attempt(deps, command, context, commandId),
    (conflict) => {
      const retried = context.expectedRevision === undefined;
      deps.observer?.conflicted(command.type, retried);
      if (!retried) throw new StaleRevisionError({ leadId }, context.expectedRevision, conflict.actual);
    },
  );
}

/** One try: load, fold, decide, append at the exact revision read. */
async function attempt(
  deps: CommandHandlerDeps,
  command: LeadCommand,
  context: CommandContext,
  commandId: string,
): Promise<CommandOutcome> {
  const leadId = command.data.leadId;
  const { lead, commandIds } = await load(deps, leadId);
  if (commandIds.has(commandId)) {
    // A retry: rare, so the whole stream is read to rebuild the first answer.
    const full = await loadLead(deps.store, leadId);
    const earlier = full.events.filter((event) => event.metadata.commandId === commandId);
    // Someone else's key answers only a caller who may act on the lead now: never a way to read it.
    if (earlier[0].metadata.actor !== context.actor) context.authorize?.(lead.state);
    return replay(full, earlier, command, context.requestHash);
  }
  context.authorize?.(lead.state);
  if (context.expectedRevision !== undefined && context.expectedRevision !== lead.revision) {
    throw new StaleRevisionError({ leadId }, context.expectedRevision, lead.revision);
  }
  const timed = context.stampedNow ? notBeforeLatest(command, lead.state) : command;
  const decision = decide(timed, lead.state);
  if (!decision.ok) throw new CommandRefusedError(decision.refusal);
  if (decision.events.length === 0) return unchanged(lead, command);
  const future = futureRefusal(timed, deps.clock(), deps.clockToleranceMs ?? DEFAULT_CLOCK_TOLERANCE_MS);
  if (future) throw new CommandRefusedError(future);
  const sealed = await deps.personalData.seal(leadId, decision.events);
  const events = toEventData(lead, sealed, { ...context, commandId, command: command.type }, deps.clock());
  const appended = await deps.store.appendToStream(lead.stream, events, lead.revision);
  return {
    leadId,
    state: decision.events.reduce(evolve, lead.state),
    revision: appended.nextExpectedRevision,
    position: appended.position,
    events: decision.events,
    replayed: false,
  };
}

/** The command dated at the lead's latest event when it was stamped earlier. */
function notBeforeLatest(command: LeadCommand, state: LeadState): LeadCommand {
  if (state.stage === 'none' || Date.parse(command.metadata.occurredAt) >= Date.parse(state.lastEventAt))
    return command;
  return { ...command, metadata: { ...command.metadata, occurredAt: state.lastEventAt } } as LeadCommand;
}

/** The answer to a command that was accepted but records nothing: the lead as it is. */
function unchanged(lead: LoadedLead, command: LeadCommand): CommandOutcome {
  const last = lead.events[lead.events.length - 1];
  if (!last || lead.revision === 'no_stream') throw new Error(`${command.type} recorded nothing on no lead`);
  const { leadId } = command.data;
  return {
    leadId,
    state: lead.state,
    revision: lead.revision,
    position: last.position,
    events: [],
    replayed: false,
  };
}

async function load(deps: CommandHandlerDeps, leadId: string): Promise<IndexedLead> {
  return deps.cache ? deps.cache.load(deps.store, leadId) : indexLead(await loadLead(deps.store, leadId));
}

function replay(
  lead: LoadedLead,
  earlier: readonly RecordedEvent[],
  command: LeadCommand,
  requestHash: string | undefined,
): CommandOutcome {
  checkSameRequest(earlier[0].metadata, command.type, requestHash);
  const last = earlier[earlier.length - 1];
  return {
    leadId: command.data.leadId,
    state: foldLead(lead.events.filter((event) => event.revision <= last.revision)),
    revision: last.revision,
    position: last.position,
    events: earlier.map(toLeadEvent),
    replayed: true,
  };
}
