import type { LeadCommandOf } from '../commands';
import { accepted, notAllowed, occurred, type Decision } from '../decision';
import type { LeadState } from '../state';

/**
 * A person asks to be forgotten, whatever the lead's stage. The event carries no personal data; the
 * application then destroys the lead's key, so the personal fields already stored can never be read.
 */
export function eraseLead(command: LeadCommandOf<'EraseLead'>, state: LeadState): Decision {
  if (state.stage === 'none') return notAllowed(command, state);
  return accepted({ type: 'LeadErased', data: { leadId: command.data.leadId }, metadata: occurred(command) });
}
