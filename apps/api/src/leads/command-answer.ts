import type { CommandOutcome } from '@leadger/lead-application';
import {
  leadEventTypes,
  opportunityStages,
  stages,
  type LeadEventType,
  type OpportunityStage,
  type Stage,
} from '@leadger/lead-domain';
import { Choice, Choices, Flag, Label, Position, Revision, Uuid } from '../http/answer-fields';

/** What every successful command answers; revision and position are strings, as bigints travel in JSON. */
export class CommandAnswer {
  @Uuid() readonly leadId: string;
  @Choice(stages) readonly stage: Stage;
  @Choice(opportunityStages, { optional: true, description: 'Only for sql leads.' })
  readonly opportunityStage?: OpportunityStage;
  @Revision({ description: 'The lead stream revision after the command; send it back as If-Match.' })
  readonly revision: string;
  @Position({ description: 'Global position of the last event; pass as ?after= to read your write.' })
  readonly position: string;
  @Choices(leadEventTypes, {
    example: ['LeadAccepted'],
    description: 'The event types the command appended.',
  })
  readonly events: readonly LeadEventType[];
  @Flag({ description: 'True when this repeats the first answer to the same Idempotency-Key.' })
  readonly replayed: boolean;
  @Label({
    optional: true,
    description: 'Why nothing was recorded, when `events` is empty (a capture of a disqualified email).',
  })
  readonly note?: string;
}

export function commandAnswer(outcome: CommandOutcome): CommandAnswer {
  const state = outcome.state;
  if (state.stage === 'none') throw new Error(`lead ${outcome.leadId} has no state after a command`);
  return {
    leadId: outcome.leadId,
    stage: state.stage,
    opportunityStage: state.stage === 'sql' ? state.opportunity.stage : undefined,
    revision: outcome.revision.toString(),
    position: outcome.position.toString(),
    events: outcome.events.map((event) => event.type),
    replayed: outcome.replayed,
    note:
      outcome.events.length === 0
        ? `the lead is ${state.stage}: nothing was recorded; RequalifyLead brings it back`
        : undefined,
  };
}
