import { ms } from '../figures';
import { leadProjection, type Step } from '../lead-projection';
import { STAGES, type JourneyStage, type StagesMemo, type Stay } from './stages-keys';

interface Moment {
  readonly metadata: { readonly occurredAt: string };
}

type Owners = Partial<Pick<StagesMemo, 'owner' | 'pending'>>;

/**
 * The lead moves to `stage` (one it is already in only changes owners): the stay it was in ends, with its
 * owner then, and a new one starts. `owners` are the lead's owners from this event on.
 */
function move(
  memo: StagesMemo | undefined,
  event: Moment,
  stage: JourneyStage,
  owners: Owners = {},
): Step<StagesMemo> {
  if (!memo) return {};
  const [current, entered, , held] = memo.stays[memo.stays.length - 1];
  if (current === stage) return withOwners(memo, owners);
  const next = { ...memo, ...owners };
  const at = ms(event.metadata.occurredAt);
  const closed: Stay = [current, entered, at, held];
  const opened: Stay = [stage, at, null, next.pending ?? next.owner];
  return { memo: { ...next, stays: [...memo.stays.slice(0, -1), closed, opened] } };
}

/** New owners for the lead; the stay it is in is theirs from now on. */
function withOwners(memo: StagesMemo | undefined, owners: Owners): Step<StagesMemo> {
  if (!memo) return {};
  const next = { ...memo, ...owners };
  const [stage, entered, left, held] = memo.stays[memo.stays.length - 1];
  const owner = next.pending ?? next.owner;
  if (owner === held && next.owner === memo.owner && next.pending === memo.pending) return {};
  return { memo: { ...next, stays: [...memo.stays.slice(0, -1), [stage, entered, left, owner]] } };
}

/**
 * The stage timeline: per lead, every stay in a stage (opportunity stages apart) with when it began and
 * ended and whose it was, in business time. Time in stage by source and owner, and the funnel's parts
 * (ToFu, MoFu, BoFu, customers) under the map the rules give, are read from it.
 */
export const stagesProjection = leadProjection<StagesMemo>({
  name: STAGES,
  version: 1,
  handlers: {
    LeadCaptured: (memo, event) => {
      if (memo) return {};
      const { source, campaign } = event.data;
      const stays: Stay[] = [['lead', ms(event.metadata.occurredAt), null, null]];
      return { memo: { source, campaign, owner: null, pending: null, stays } };
    },
    LeadMarketingQualified: (memo, event) => move(memo, event, 'mql'),
    LeadHandedOff: (memo, event) => withOwners(memo, { pending: event.data.toOwner }),
    LeadReassigned: (memo, event) =>
      withOwners(
        memo,
        event.data.pendingHandoff ? { pending: event.data.toOwner } : { owner: event.data.toOwner },
      ),
    LeadAccepted: (memo, event) => move(memo, event, 'sal', { owner: event.data.owner, pending: null }),
    LeadRejected: (memo) => withOwners(memo, { pending: null }),
    LeadRecycled: (memo, event) => move(memo, event, 'nurture'),
    LeadQualified: (memo, event) => move(memo, event, 'prospecting', { owner: event.data.owner }),
    OpportunityStageChanged: (memo, event) => move(memo, event, event.data.to),
    DealWon: (memo, event) => move(memo, event, 'won', { owner: event.data.owner }),
    // A lost expansion leaves the customer a customer.
    DealLost: (memo, event) =>
      move(memo, event, event.data.kind === 'new_business' ? 'lost' : 'won', { owner: event.data.owner }),
    DealReopened: (memo, event) => move(memo, event, event.data.toStage, { owner: event.data.owner }),
    LeadReengaged: (memo, event) => move(memo, event, event.data.toStage),
    LeadDisqualified: (memo, event) => move(memo, event, 'disqualified', { pending: null }),
    LeadRequalified: (memo, event) => move(memo, event, 'lead'),
    OpportunityOpened: (memo, event) => move(memo, event, 'prospecting', { owner: event.data.owner }),
  },
});
