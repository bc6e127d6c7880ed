import fc from 'fast-check';
import type { LeadCommand, LeadCommandType } from '../commands';
import {
  customerNurturePrograms,
  disqualifyReasons,
  expansionKinds,
  engagementKinds,
  lostReasons,
  opportunityStages,
  rejectReasons,
} from '../vocabulary';
import { leadId } from './lead-fixtures';

// Random commands for property tests: mostly well-formed, sometimes not (blank text, NaN, unknown reasons),
// so that both the accepting and the refusing paths of every rule are walked.

// Mostly valid, now and then not: runs still reach deep stages while the refusals get exercised too.
const mostly = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: invalid, weight: 1 });

const time = fc.constantFrom(
  '2025-01-01T00:00:00.000Z',
  '2025-02-14T12:30:00.000Z',
  '2026-07-01T08:00:00.000Z',
);
const owner = mostly(fc.constantFrom('bob', 'carol', 'dave', ' bob '), fc.constantFrom('', '  '));
const words = mostly(
  fc.constantFrom('why not', 'Q3', 'CFO'),
  fc.oneof(fc.constantFrom('', '  '), fc.string({ maxLength: 6 })),
);
const note = fc.option(words, { nil: undefined });
const number = mostly(
  fc.integer({ min: 0, max: 100_000 }),
  fc.oneof(fc.double(), fc.constantFrom(-1, Number.NaN, Number.POSITIVE_INFINITY, -0)),
);
const scoreDelta = mostly(fc.integer({ min: -20, max: 20 }), fc.constantFrom(0.5, Number.NaN, 2 ** 60));
const email = mostly(
  fc.constantFrom('ann@example.com', '  ANN@example.COM', 'bob@example.com'),
  fc.constant(' '),
);
const oneOf = <T extends string>(values: readonly T[]) =>
  mostly(fc.constantFrom(...values), fc.constant('bogus' as T));

const data = {
  CaptureLead: fc
    .record({
      email,
      firstName: note,
      company: note,
      source: mostly(fc.constantFrom('webinar', 'ads'), fc.constant('')),
      campaign: note,
      utm: fc.option(fc.record({ source: note, medium: note }), { nil: undefined }),
      via: fc.option(oneOf(engagementKinds), { nil: undefined }),
    })
    .map((rest) => ({ ...rest, leadId })),
  RecordEngagement: fc.record({
    leadId: fc.constant(leadId),
    kind: oneOf(engagementKinds),
    scoreDelta,
    note,
  }),
  MarkMarketingQualified: fc.record({ leadId: fc.constant(leadId), score: number, reason: words }),
  HandOffLead: fc.record({ leadId: fc.constant(leadId), toOwner: owner, slaDueAt: time }),
  AcceptLead: fc.record({ leadId: fc.constant(leadId) }),
  RejectLead: fc.record({ leadId: fc.constant(leadId), reason: oneOf(rejectReasons), note, revisitAt: time }),
  QualifyLead: fc.record({
    leadId: fc.constant(leadId),
    opportunityId: mostly(fc.uuid(), fc.constant(' ')),
    budget: number,
    authority: words,
    need: words,
    timeline: words,
    amount: number,
  }),
  ChangeOpportunityStage: fc.record({
    leadId: fc.constant(leadId),
    stage: oneOf(opportunityStages),
    amount: fc.option(number, { nil: undefined }),
  }),
  ReassignLead: fc.record({ leadId: fc.constant(leadId), toOwner: owner }),
  CloseWon: fc.record({ leadId: fc.constant(leadId), amount: fc.option(number, { nil: undefined }) }),
  CloseLost: fc.record({
    leadId: fc.constant(leadId),
    reason: oneOf(lostReasons),
    competitor: note,
    note,
    recycle: fc.boolean(),
    revisitAt: time,
  }),
  ReopenDeal: fc.record({ leadId: fc.constant(leadId) }),
  RecycleLead: fc.record({
    leadId: fc.constant(leadId),
    reason: fc.option(oneOf(lostReasons), { nil: undefined }),
    note,
    revisitAt: time,
  }),
  ReengageLead: fc.record({ leadId: fc.constant(leadId), toStage: oneOf(['lead', 'mql'] as const), note }),
  DisqualifyLead: fc.record({ leadId: fc.constant(leadId), reason: oneOf(disqualifyReasons), note }),
  RequalifyLead: fc.record({ leadId: fc.constant(leadId), note: words }),
  OpenOpportunity: fc.record({
    leadId: fc.constant(leadId),
    opportunityId: mostly(fc.uuid(), fc.constant('')),
    kind: oneOf(expansionKinds),
    amount: number,
    owner: fc.option(owner, { nil: undefined }),
  }),
  ScheduleCustomerNurture: fc.record({
    leadId: fc.constant(leadId),
    program: oneOf(customerNurturePrograms),
    revisitAt: time,
  }),
  EraseLead: fc.record({ leadId: fc.constant(leadId) }),
};

/** One random command of each type, keyed by type. */
export const commandOfEachType: fc.Arbitrary<Record<LeadCommandType, LeadCommand>> = fc.record(
  Object.fromEntries(
    Object.entries(data).map(([type, arbitrary]) => [
      type,
      fc
        .tuple(arbitrary, time)
        .map(([payload, occurredAt]) => ({ type, data: payload, metadata: { occurredAt } })),
    ]),
  ) as { [T in LeadCommandType]: fc.Arbitrary<LeadCommand> },
);
