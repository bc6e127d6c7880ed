import type { LeadCommand } from './commands';
import {
  captureLead,
  disqualifyLead,
  markMarketingQualified,
  recordEngagement,
  requalifyLead,
} from './decide/intake';
import { acceptLead, handOffLead, reassignLead, rejectLead } from './decide/handoff';
import { changeOpportunityStage, closeLost, closeWon, qualifyLead } from './decide/pipeline';
import { recycleLead, reengageLead, reopenDeal } from './decide/recycling';
import { beforeLatestEvent, erasedLead, type Decision } from './decision';
import { eraseLead } from './decide/erase-lead';
import { openOpportunity, scheduleCustomerNurture } from './decide/customers';
import type { LeadState } from './state';

/**
 * The lead's decider: given the folded state, the events a command produces, or why it is refused. Pure:
 * times, owners and policies arrive on the command. Each rule checks the stage first, so an illegal
 * command is refused as such before its values are looked at; a command that would append is then checked
 * to come no earlier than the lead's latest event.
 */
export function decide(command: LeadCommand, state: LeadState): Decision {
  if (state.stage !== 'none' && state.erased) return erasedLead(command);
  const decision = decideByRule(command, state);
  if (!decision.ok || decision.events.length === 0 || state.stage === 'none') return decision;
  return beforeLatestEvent(command, state) ?? decision;
}

function decideByRule(command: LeadCommand, state: LeadState): Decision {
  switch (command.type) {
    case 'CaptureLead':
      return captureLead(command, state);
    case 'RecordEngagement':
      return recordEngagement(command, state);
    case 'MarkMarketingQualified':
      return markMarketingQualified(command, state);
    case 'HandOffLead':
      return handOffLead(command, state);
    case 'AcceptLead':
      return acceptLead(command, state);
    case 'RejectLead':
      return rejectLead(command, state);
    case 'QualifyLead':
      return qualifyLead(command, state);
    case 'ChangeOpportunityStage':
      return changeOpportunityStage(command, state);
    case 'ReassignLead':
      return reassignLead(command, state);
    case 'CloseWon':
      return closeWon(command, state);
    case 'CloseLost':
      return closeLost(command, state);
    case 'ReopenDeal':
      return reopenDeal(command, state);
    case 'RecycleLead':
      return recycleLead(command, state);
    case 'ReengageLead':
      return reengageLead(command, state);
    case 'DisqualifyLead':
      return disqualifyLead(command, state);
    case 'RequalifyLead':
      return requalifyLead(command, state);
    case 'OpenOpportunity':
      return openOpportunity(command, state);
    case 'ScheduleCustomerNurture':
      return scheduleCustomerNurture(command, state);
    case 'EraseLead':
      return eraseLead(command, state);
    default:
      return unknownCommand(command);
  }
}

/** Compile-time proof that every command has a rule; reaching it means a caller bypassed the types. */
function unknownCommand(command: never): never {
  throw new TypeError(`unknown lead command type: ${JSON.stringify((command as { type?: unknown }).type)}`);
}
