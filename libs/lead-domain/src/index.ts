// The lead domain's public surface: messages, state, the decider and the lead id.
export * from './vocabulary';
export type { DomainMetadata, Message } from './message';
export {
  leadCommandTypes,
  type LeadCommand,
  type LeadCommandOf,
  type LeadCommandType,
  type UtmInput,
} from './commands';
export {
  leadEventTypes,
  type Bant,
  type LeadEvent,
  type LeadEventOf,
  type LeadEventType,
  type RecycleOrigin,
  type Utm,
} from './events';
export * from './state';
export { evolve } from './evolve';
export * from './details/lead-details';
export { evolveDetails } from './details/evolve-details';
export type { Decision, Refusal } from './decision';
export { decide } from './decide';
export { allowedCommands } from './allowed-commands';
export { personalFields, type PersonalField, type Unsealed } from './personal-fields';
export { normalizeEmail } from './lead-id';
export { hasCurrentShape, upcast } from './upcast';
export * from './owners/owner';
export { decideOwner, ownerIdPattern, type OwnerDecision } from './owners/decide-owner';
export * from './funnel-parts';
export * from './suspects/suspect';
export {
  anonymousIdPattern,
  decideSuspect,
  suspectStitched,
  type SuspectDecision,
} from './suspects/decide-suspect';
