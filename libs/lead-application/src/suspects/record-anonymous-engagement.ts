import type { LeadCommandOf, SuspectCommand } from '@leadger/lead-domain';
import { decideSuspect } from '@leadger/lead-domain';
import { CommandRefusedError } from '../errors';
import { handleCommand, type CommandContext, type CommandHandlerDeps } from '../handle-command';
import type { SuspectNames } from './suspect-stream';
import { retryOnConflict } from '../retry-on-conflict';
import { toEventData } from '../to-event-data';
import { finishStitch } from './stitch-suspect';
import { loadSuspect, sealSuspectEvent, type LoadedSuspect } from './suspect-stream';

type RecordAnonymousEngagement = Extract<SuspectCommand, { type: 'RecordAnonymousEngagement' }>;

/** Where an anonymous engagement landed: on the suspect, on the lead it became, or nowhere. */
export interface AnonymousEngagementOutcome {
  readonly anonymousId: string;
  /** The lead the suspect became, when it was identified (null while anonymous, or once erased). */
  readonly leadId: string | null;
  /** The revision of the stream written (the suspect's, or the lead's), or of the suspect when nothing was. */
  readonly revision: bigint;
  readonly position: bigint;
  readonly events: readonly string[];
  readonly replayed: boolean;
}

/** A refused anonymous engagement: the field and why (a 400, as the route checks the same rules). */
export class SuspectInputError extends Error {
  readonly code = 'invalid_input';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'SuspectInputError';
  }

  problemFields(): Record<string, unknown> {
    return { errors: [{ field: this.field, message: this.message }] };
  }
}

/**
 * Records an anonymous engagement on its suspect; once the suspect is identified, the engagement lands on
 * the lead it became instead (after finishing a stitch a crash may have left half done), and nowhere when
 * that lead is disqualified or erased.
 */
export function recordAnonymousEngagement(
  deps: CommandHandlerDeps & { readonly directory: SuspectNames },
  command: RecordAnonymousEngagement,
  context: CommandContext,
): Promise<AnonymousEngagementOutcome> {
  const commandId = context.commandId ?? deps.newId();
  return retryOnConflict(
    deps.maxAttempts ?? 10,
    () => attempt(deps, command, { ...context, commandId }, commandId),
    () => undefined,
  );
}

async function attempt(
  deps: CommandHandlerDeps & { readonly directory: SuspectNames },
  command: RecordAnonymousEngagement,
  context: CommandContext,
  commandId: string,
): Promise<AnonymousEngagementOutcome> {
  const { anonymousId } = command.data;
  const suspect = await loadSuspect(deps.store, deps.personalData, deps.directory, anonymousId);
  const earlier = suspect.events.filter((event) => event.metadata.commandId === commandId);
  if (earlier.length > 0)
    return answer(
      suspect,
      null,
      earlier.map((event) => event.type),
      true,
    );
  const decision = decideSuspect(command, suspect.state);
  if (!decision.ok) throw new SuspectInputError(decision.field, decision.message);
  if (decision.lead !== undefined) return onLead(deps, command, context, suspect, decision.lead);
  const sealed = await Promise.all(
    decision.events.map((event) => sealSuspectEvent(deps.personalData, suspect, event)),
  );
  const issued = { ...context, commandId, command: command.type };
  const data = toEventData(suspect, sealed, issued, deps.clock());
  const appended = await deps.store.appendToStream(suspect.stream, data, suspect.revision);
  return {
    anonymousId,
    leadId: null,
    revision: appended.nextExpectedRevision,
    position: appended.position,
    events: decision.events.map((event) => event.type),
    replayed: false,
  };
}

async function onLead(
  deps: CommandHandlerDeps & { readonly directory: SuspectNames },
  command: RecordAnonymousEngagement,
  context: CommandContext,
  suspect: LoadedSuspect,
  leadId: string | null,
): Promise<AnonymousEngagementOutcome> {
  if (leadId === null) return answer(suspect, null, [], false);
  await finishStitch(deps, suspect, {
    actor: context.actor,
    command: command.type,
    correlationId: context.correlationId,
  });
  const { kind, scoreDelta } = command.data;
  const engagement: LeadCommandOf<'RecordEngagement'> = {
    type: 'RecordEngagement',
    data: { leadId, kind, scoreDelta },
    metadata: command.metadata,
  };
  try {
    // The suspect's grant is not the lead's: a service may record its visitors' engagements wherever they land.
    const outcome = await handleCommand(deps, engagement, { ...context, authorize: undefined });
    const events = outcome.events.map((event) => event.type);
    return {
      anonymousId: command.data.anonymousId,
      leadId,
      revision: outcome.revision,
      position: outcome.position,
      events,
      replayed: outcome.replayed,
    };
  } catch (error) {
    // A disqualified (or erased) lead takes no engagement: the tracker is told nothing was recorded.
    if (
      error instanceof CommandRefusedError &&
      (error.code === 'illegal_transition' || error.code === 'erased')
    )
      return answer(suspect, leadId, [], false);
    throw error;
  }
}

function answer(
  suspect: LoadedSuspect,
  leadId: string | null,
  events: readonly string[],
  replayed: boolean,
): AnonymousEngagementOutcome {
  const last = suspect.events.at(-1);
  return {
    anonymousId: suspect.anonymousId,
    leadId,
    revision: last ? last.revision : -1n,
    position: last ? last.position : 0n,
    events,
    replayed,
  };
}
