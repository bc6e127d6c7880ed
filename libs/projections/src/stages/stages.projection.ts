import type { Change } from '@leadger/read-store';
import { dayOf, ms } from '../figures';
import { isLeadEvent, leadProjection, type Step } from '../lead-projection';
import type { Projection, ProjectedEvent, ProjectedEventType } from '../projection';
import {
  STAGES,
  stageKeys,
  visitorField,
  type JourneyStage,
  type StagesMemo,
  type Stay,
} from './stages-keys';

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

/** A stitched visitor's time before its capture: the first stay of the lead's timeline, once. */
function stitched(memo: StagesMemo | undefined, firstTouchAt: string): Step<StagesMemo> {
  if (!memo || memo.stays[0][0] === 'suspect') return {};
  const [, captured] = memo.stays[0];
  const firstTouch = Math.min(ms(firstTouchAt), captured);
  return { memo: { ...memo, stays: [['suspect', firstTouch, captured, null], ...memo.stays] } };
}

const leadTimeline = leadProjection<StagesMemo>({
  name: STAGES,
  version: 1,
  handlers: {
    LeadCaptured: (memo, event) => {
      if (memo) return {};
      const { source, campaign, origin, owner } = event.data;
      const at = ms(event.metadata.occurredAt);
      // A lead a rep found starts at sal, theirs: it spends no time as a lead.
      const stays: Stay[] = origin === 'sales' ? [['sal', at, null, owner]] : [['lead', at, null, null]];
      const held = origin === 'sales' ? owner : null;
      return { memo: { source, campaign, origin, owner: held, pending: null, stays } };
    },
    SuspectStitched: (memo, event) => stitched(memo, event.data.firstTouchAt),
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

/** Anonymous visitors by first-touch day and source, and those identified: no visitor id is kept. */
const visitorTypes: readonly ProjectedEventType[] = ['AnonymousEngagementRecorded', 'SuspectIdentified'];

function countVisitor(event: ProjectedEvent): readonly Change[] {
  if (event.type === 'AnonymousEngagementRecorded' && event.revision === 0n) {
    const field = visitorField(dayOf(event.metadata.occurredAt), event.data.source, 'visitors');
    return [{ op: 'hincr', key: stageKeys.visitors, field, by: 1 }];
  }
  if (event.type === 'SuspectIdentified') {
    const field = visitorField(dayOf(event.data.firstTouchAt), event.data.source, 'identified');
    return [{ op: 'hincr', key: stageKeys.visitors, field, by: 1 }];
  }
  return [];
}

/**
 * The stage timeline: per lead, every stay in a stage (opportunity stages apart) with when it began and
 * ended and whose it was, in business time, from a stitched visitor's first touch on; and the visitors still
 * anonymous. Time in stage by source and owner, and the funnel's parts (ToFu, MoFu, BoFu, customers) under
 * the map the rules give, are read from it.
 */
export const stagesProjection: Projection = {
  ...leadTimeline,
  eventTypes: [...leadTimeline.eventTypes, ...visitorTypes],
  apply: (view, event) => (isLeadEvent(event) ? leadTimeline.apply(view, event) : countVisitor(event)),
};
