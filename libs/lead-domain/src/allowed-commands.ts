import type { LeadCommandType } from './commands';
import type { LeadState } from './state';

/**
 * The lead actions legal from this state, in the order of the Transitions table. On an existing lead
 * `CaptureLead` is still accepted (a known email only records an engagement) but it is intake, addressed
 * by email rather than by lead, so it is not listed here; on a missing lead it is the only thing listed.
 * `EraseLead`, a privacy officer's act legal in every stage, is not listed either; an erased lead takes
 * nothing.
 * Decide checks each rule itself; a spec pins both to one literal table.
 */
export function allowedCommands(state: LeadState): readonly LeadCommandType[] {
  if (state.stage !== 'none' && state.erased) return [];
  switch (state.stage) {
    case 'none':
      return ['CaptureLead'];
    case 'lead':
      return ['RecordEngagement', 'MarkMarketingQualified', 'DisqualifyLead'];
    case 'mql':
      return state.pendingHandoff
        ? ['RecordEngagement', 'AcceptLead', 'RejectLead', 'ReassignLead', 'DisqualifyLead']
        : ['RecordEngagement', 'HandOffLead', 'DisqualifyLead'];
    case 'sal':
      return ['RecordEngagement', 'QualifyLead', 'ReassignLead', 'DisqualifyLead'];
    case 'sql':
      return ['RecordEngagement', 'ChangeOpportunityStage', 'ReassignLead', 'CloseWon', 'CloseLost'];
    case 'won':
      return ['RecordEngagement', 'OpenOpportunity', 'ScheduleCustomerNurture'];
    case 'lost':
      return ['RecordEngagement', 'ReopenDeal', 'RecycleLead'];
    case 'nurture':
      return ['RecordEngagement', 'ReengageLead', 'DisqualifyLead'];
    case 'disqualified':
      return ['RequalifyLead'];
  }
}
