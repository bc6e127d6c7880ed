import type { LeadCommandOf } from '../commands';
import { accepted, invalid, notAllowed, occurred, type Decision } from '../decision';
import type { LeadState } from '../state';
import { lostReasons } from '../vocabulary';
import { after, noteForOther, OK, oneOf, required, text } from './checks';

// After a loss or a rejection: reopen the deal, park the lead in nurture, bring it back into the funnel.

/** A loss that was not recycled can be undone: the deal comes back at the stage it was lost from. */
export function reopenDeal(command: LeadCommandOf<'ReopenDeal'>, state: LeadState): Decision {
  if (state.stage !== 'lost') return notAllowed(command, state);
  const data = {
    leadId: command.data.leadId,
    opportunityId: state.opportunityId,
    toStage: state.lostFromStage,
    amount: state.amount,
    owner: state.owner,
  };
  return accepted({ type: 'DealReopened', data, metadata: occurred(command) });
}

/**
 * Without a reason the loss reason stands (it was in force when the deal was lost); a given one must be in
 * force now. The loss's own note stays on its DealLost.
 */
export function recycleLead(command: LeadCommandOf<'RecycleLead'>, state: LeadState): Decision {
  if (state.stage !== 'lost') return notAllowed(command, state);
  const { leadId, revisitAt } = command.data;
  const given = command.data.reason;
  const refused = invalid(
    command,
    given === undefined ? OK : oneOf('reason', command.data.reasons ?? lostReasons, given),
    noteForOther(given, command.data.note),
    required('revisitAt', revisitAt),
    after('revisitAt', revisitAt, command.metadata.occurredAt),
  );
  if (refused) return refused;
  const reason = given ?? state.lostReason;
  const note = text(command.data.note);
  const data = { leadId, origin: 'lost', originStage: state.lostFromStage, reason, note, revisitAt } as const;
  return accepted({ type: 'LeadRecycled', data, metadata: occurred(command) });
}

/**
 * Back into the funnel at `lead` or `mql`. The owner is kept (the next handoff records it as `fromOwner`),
 * but no handoff is pending: sales must be handed the lead again.
 */
export function reengageLead(command: LeadCommandOf<'ReengageLead'>, state: LeadState): Decision {
  if (state.stage !== 'nurture') return notAllowed(command, state);
  const { leadId, toStage } = command.data;
  const refused = invalid(command, oneOf('toStage', ['lead', 'mql'], toStage));
  if (refused) return refused;
  const data = { leadId, toStage, note: text(command.data.note) };
  return accepted({ type: 'LeadReengaged', data, metadata: occurred(command) });
}
