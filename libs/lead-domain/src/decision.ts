import { allowedCommands } from './allowed-commands';
import type { LeadCommand, LeadCommandType } from './commands';
import type { LeadEvent } from './events';
import type { ExistingLeadState, LeadState } from './state';
import type { Stage } from './vocabulary';

/** Why decide said no; `code` is what the application maps to an HTTP status. */
export type Refusal =
  | Readonly<{ code: 'not_found'; command: LeadCommandType; message: string }>
  | Readonly<{
      code: 'illegal_transition';
      command: LeadCommandType;
      stage: Stage;
      allowed: readonly LeadCommandType[];
      message: string;
    }>
  | Readonly<{ code: 'validation'; command: LeadCommandType; field: string; message: string }>
  | Readonly<{ code: 'erased'; command: LeadCommandType; message: string }>
  | TimeRefusal;

/** The command's business time falls outside what the lead's timeline (or the clock) allows. */
export type TimeRefusal = Readonly<{
  code: 'validation';
  command: LeadCommandType;
  field: 'occurredAt';
  occurredAt: string;
  /** The lead's latest event: a command may not happen before it. */
  notBefore?: string;
  /** Now plus the clock tolerance: a command may not happen in the future. */
  notAfter?: string;
  message: string;
}>;

/** Decide's answer: the events to append, or why nothing is appended. */
export type Decision =
  Readonly<{ ok: true; events: readonly LeadEvent[] }> | Readonly<{ ok: false; refusal: Refusal }>;

export function accepted(...events: LeadEvent[]): Decision {
  return { ok: true, events };
}

/** The command is not legal from this state: `not_found` before capture, `illegal_transition` after. */
export function notAllowed(command: LeadCommand, state: LeadState): Decision {
  if (state.stage === 'none') {
    const message = `${command.type}: no lead ${command.data.leadId}; capture it first`;
    return { ok: false, refusal: { code: 'not_found', command: command.type, message } };
  }
  const allowed = allowedCommands(state);
  const listed = allowed.length > 0 ? allowed.join(', ') : 'none';
  const message = `${command.type} is not allowed when the lead is in stage "${state.stage}"; allowed: ${listed}`;
  return {
    ok: false,
    refusal: { code: 'illegal_transition', command: command.type, stage: state.stage, allowed, message },
  };
}

/** Nothing is done for a person who asked to be forgotten; erasing them again changes nothing. */
export function erasedLead(command: LeadCommand): Decision {
  if (command.type === 'EraseLead') return accepted();
  const message = `${command.type}: lead ${command.data.leadId} was erased; it takes no more commands`;
  return { ok: false, refusal: { code: 'erased', command: command.type, message } };
}

/** One rule on the command's values: when `ok` is false, `field` is refused with `reason`. */
export type Check = readonly [ok: boolean, field: string, reason: string];

/** The first failed check as a validation refusal, or null when every check holds. */
export function invalid(command: LeadCommand, ...checks: readonly Check[]): Decision | null {
  const failed = checks.find(([ok]) => !ok);
  if (!failed) return null;
  const [, field, reason] = failed;
  const message = `${command.type}: ${field} ${reason}`;
  return { ok: false, refusal: { code: 'validation', command: command.type, field, message } };
}

/**
 * Refuses a command dated before the lead's latest event: events are facts in business order, and a
 * backdated one would make every duration computed from the log negative.
 */
export function beforeLatestEvent(command: LeadCommand, state: ExistingLeadState): Decision | null {
  const { occurredAt } = command.metadata;
  if (!(Date.parse(occurredAt) < Date.parse(state.lastEventAt))) return null;
  const message = `${command.type}: occurredAt ${occurredAt} is before the lead's latest event, at ${state.lastEventAt}`;
  const refusal = {
    code: 'validation',
    command: command.type,
    field: 'occurredAt',
    occurredAt,
    message,
  } as const;
  return { ok: false, refusal: { ...refusal, notBefore: state.lastEventAt } };
}

/** Metadata of an event decided from `command`: the business time is the command's. */
export function occurred(command: LeadCommand): LeadEvent['metadata'] {
  return { occurredAt: command.metadata.occurredAt };
}
