import type { Refusal } from '@leadger/lead-domain';

/** The domain refused the command; `code` is the refusal's (`not_found`, `illegal_transition`, `validation`). */
export class CommandRefusedError extends Error {
  readonly code: Refusal['code'];

  constructor(readonly refusal: Refusal) {
    super(refusal.message);
    this.name = 'CommandRefusedError';
    this.code = refusal.code;
  }

  /** The refusal's facts (command, stage, allowed, field, times…) as the client gets them. */
  problemFields(): Record<string, unknown> {
    const { code: _code, message: _message, ...facts } = this.refusal;
    return facts;
  }
}

/** What a command was about, named as answers name it: a lead, or an owner of the roster. */
export type CommandSubject = Readonly<{ leadId: string }> | Readonly<{ ownerId: string }>;

/** The client's expected revision (If-Match) is not the current one of the lead or owner. */
export class StaleRevisionError extends Error {
  readonly code = 'stale_revision';

  constructor(
    readonly subject: CommandSubject,
    readonly expected: bigint,
    readonly actual: bigint | 'no_stream',
  ) {
    const named = 'leadId' in subject ? `lead ${subject.leadId}` : `owner ${subject.ownerId}`;
    super(`${named} is at revision ${String(actual)}, not ${expected}`);
    this.name = 'StaleRevisionError';
  }

  problemFields(): Record<string, unknown> {
    return {
      ...this.subject,
      expectedRevision: this.expected.toString(),
      currentRevision: String(this.actual),
    };
  }
}

/**
 * An idempotency key already answered a different command, or the same one with another request, on this
 * lead (or owner).
 */
export class IdempotencyKeyReusedError extends Error {
  readonly code = 'idempotency_conflict';

  constructor(
    readonly commandId: string,
    readonly firstCommand: string,
    readonly command: string,
  ) {
    const other = firstCommand === command ? 'with a different request' : `not ${command}`;
    super(`idempotency key ${commandId} was already used for ${firstCommand}, ${other}`);
    this.name = 'IdempotencyKeyReusedError';
  }

  problemFields(): Record<string, unknown> {
    return { idempotencyKey: this.commandId, firstCommand: this.firstCommand };
  }
}

/** A query for a lead that was never captured. */
export class LeadNotFoundError extends Error {
  readonly code = 'not_found';

  constructor(readonly leadId: string) {
    super(`no lead ${leadId}`);
    this.name = 'LeadNotFoundError';
  }
}

/** SetOwner refused a field (a blank name or team, a negative capacity…); `field` names it. */
export class OwnerInputError extends Error {
  readonly code = 'invalid_input';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'OwnerInputError';
  }

  problemFields(): Record<string, unknown> {
    return { errors: [{ field: this.field, message: this.message }] };
  }
}
