import type { LeadCommandOf } from '../commands';
import { accepted, invalid, notAllowed, occurred, type Decision } from '../decision';
import type { LeadState } from '../state';
import { lostReasons, opportunityStages } from '../vocabulary';
import { after, amount, noteForOther, oneOf, required, text } from './checks';

// Sales' side: qualification opens an opportunity, which moves between pipeline stages until it closes.

export function qualifyLead(command: LeadCommandOf<'QualifyLead'>, state: LeadState): Decision {
  if (state.stage !== 'sal') return notAllowed(command, state);
  const { data } = command;
  const refused = invalid(
    command,
    required('opportunityId', data.opportunityId),
    amount('budget', data.budget),
    required('authority', data.authority),
    required('need', data.need),
    required('timeline', data.timeline),
    amount('amount', data.amount),
  );
  if (refused) return refused;
  const bant = {
    budget: data.budget,
    authority: data.authority.trim(),
    need: data.need.trim(),
    timeline: data.timeline.trim(),
  };
  const qualified = {
    leadId: data.leadId,
    opportunityId: data.opportunityId,
    owner: state.owner,
    ...bant,
    amount: data.amount,
  };
  return accepted({ type: 'LeadQualified', data: qualified, metadata: occurred(command) });
}

export function changeOpportunityStage(
  command: LeadCommandOf<'ChangeOpportunityStage'>,
  state: LeadState,
): Decision {
  if (state.stage !== 'sql') return notAllowed(command, state);
  const { leadId, stage } = command.data;
  const from = state.opportunity.stage;
  const refused = invalid(
    command,
    oneOf('stage', opportunityStages, stage),
    [stage !== from, 'stage', `must differ from the current opportunity stage, ${from}`],
    amount('amount', command.data.amount ?? state.opportunity.amount),
  );
  if (refused) return refused;
  const data = { leadId, from, to: stage, amount: command.data.amount ?? state.opportunity.amount };
  return accepted({ type: 'OpportunityStageChanged', data, metadata: occurred(command) });
}

export function closeWon(command: LeadCommandOf<'CloseWon'>, state: LeadState): Decision {
  if (state.stage !== 'sql') return notAllowed(command, state);
  const won = command.data.amount ?? state.opportunity.amount;
  const refused = invalid(command, amount('amount', won));
  if (refused) return refused;
  const { opportunityId, kind } = state.opportunity;
  const data = {
    leadId: command.data.leadId,
    opportunityId,
    kind,
    amount: won,
    owner: state.owner,
    fromStage: state.opportunity.stage,
  };
  return accepted({ type: 'DealWon', data, metadata: occurred(command) });
}

/**
 * A lost deal usually goes back to nurture with a revisit date; `recycle: false` keeps it reopenable. A lost
 * expansion leaves the lead a customer (back in `won`): there is nothing to recycle, so `recycle` and
 * `revisitAt` are ignored rather than refused (the API's `recycle` defaults to true for every loss).
 */
export function closeLost(command: LeadCommandOf<'CloseLost'>, state: LeadState): Decision {
  if (state.stage !== 'sql') return notAllowed(command, state);
  const { leadId, reason, revisitAt } = command.data;
  const recycle = command.data.recycle && state.opportunity.kind === 'new_business';
  const refused = invalid(
    command,
    oneOf('reason', command.data.reasons ?? lostReasons, reason),
    noteForOther(reason, command.data.note),
    [!recycle || text(revisitAt) !== null, 'revisitAt', 'is required when the lead is recycled'],
    after('revisitAt', recycle ? revisitAt : undefined, command.metadata.occurredAt),
  );
  if (refused) return refused;
  const note = text(command.data.note);
  const lostFromStage = state.opportunity.stage;
  const metadata = occurred(command);
  const lost = {
    leadId,
    opportunityId: state.opportunity.opportunityId,
    kind: state.opportunity.kind,
    reason,
    competitor: text(command.data.competitor),
    note,
    lostFromStage,
    amount: state.opportunity.amount,
    owner: state.owner,
  };
  const dealLost = { type: 'DealLost', data: lost, metadata } as const;
  if (!recycle) return accepted(dealLost);
  const recycled = { leadId, origin: 'lost', originStage: lostFromStage, reason, note, revisitAt } as const;
  return accepted(dealLost, { type: 'LeadRecycled', data: recycled, metadata });
}
