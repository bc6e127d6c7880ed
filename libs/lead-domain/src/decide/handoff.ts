import type { LeadCommandOf } from '../commands';
import { accepted, invalid, notAllowed, occurred, type Decision } from '../decision';
import type { LeadState } from '../state';
import { rejectReasons } from '../vocabulary';
import { after, noteForOther, oneOf, required, text } from './checks';

// Marketing hands an mql to a sales owner, who accepts or rejects it; a reassignment is a handoff too.

export function handOffLead(command: LeadCommandOf<'HandOffLead'>, state: LeadState): Decision {
  if (state.stage !== 'mql' || state.pendingHandoff) return notAllowed(command, state);
  const { leadId, toOwner, slaDueAt } = command.data;
  const refused = invalid(
    command,
    required('toOwner', toOwner),
    required('slaDueAt', slaDueAt),
    after('slaDueAt', slaDueAt, command.metadata.occurredAt),
  );
  if (refused) return refused;
  const data = { leadId, fromOwner: state.owner, toOwner: toOwner.trim(), slaDueAt };
  return accepted({ type: 'LeadHandedOff', data, metadata: occurred(command) });
}

export function acceptLead(command: LeadCommandOf<'AcceptLead'>, state: LeadState): Decision {
  if (state.stage !== 'mql' || !state.pendingHandoff) return notAllowed(command, state);
  const data = { leadId: command.data.leadId, owner: state.pendingHandoff.toOwner };
  return accepted({ type: 'LeadAccepted', data, metadata: occurred(command) });
}

/** Sales' rejection goes back to marketing's nurture: that feedback is how bad sources show up. */
export function rejectLead(command: LeadCommandOf<'RejectLead'>, state: LeadState): Decision {
  if (state.stage !== 'mql' || !state.pendingHandoff) return notAllowed(command, state);
  const { leadId, reason, revisitAt } = command.data;
  const refused = invalid(
    command,
    oneOf('reason', command.data.reasons ?? rejectReasons, reason),
    noteForOther(reason, command.data.note),
    required('revisitAt', revisitAt),
    after('revisitAt', revisitAt, command.metadata.occurredAt),
  );
  if (refused) return refused;
  const note = text(command.data.note);
  const owner = state.pendingHandoff.toOwner;
  const metadata = occurred(command);
  return accepted(
    { type: 'LeadRejected', data: { leadId, owner, reason, note }, metadata },
    {
      type: 'LeadRecycled',
      data: { leadId, origin: 'rejected', originStage: 'mql', reason, note, revisitAt },
      metadata,
    },
  );
}

/** Moves a pending handoff to another owner, or hands an accepted lead or open deal to another owner. */
export function reassignLead(command: LeadCommandOf<'ReassignLead'>, state: LeadState): Decision {
  const current = assignee(state);
  if (!current) return notAllowed(command, state);
  const { leadId, toOwner, slaDueAt } = command.data;
  const refused = invalid(
    command,
    required('toOwner', toOwner),
    [text(toOwner) !== current.owner, 'toOwner', `must differ from the current owner, ${current.owner}`],
    [slaDueAt === undefined || current.pending, 'slaDueAt', 'is only for a pending handoff'],
    after('slaDueAt', slaDueAt, command.metadata.occurredAt),
  );
  if (refused) return refused;
  const data = {
    leadId,
    fromOwner: current.owner,
    toOwner: toOwner.trim(),
    pendingHandoff: current.pending,
    reason: text(command.data.reason),
    slaDueAt: slaDueAt ?? null,
  };
  return accepted({ type: 'LeadReassigned', data, metadata: occurred(command) });
}

/** Whom the lead is with where a reassignment is legal: the pending handoff's owner, or the owner. */
function assignee(state: LeadState): { owner: string; pending: boolean } | null {
  if (state.stage === 'mql' && state.pendingHandoff)
    return { owner: state.pendingHandoff.toOwner, pending: true };
  if (state.stage === 'sal' || state.stage === 'sql') return { owner: state.owner, pending: false };
  return null;
}
