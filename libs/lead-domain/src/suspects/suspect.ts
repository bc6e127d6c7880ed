import type { UtmInput } from '../commands';
import type { Utm } from '../events';
import type { Message } from '../message';
import type { EngagementKind } from '../vocabulary';

// A suspect: an anonymous visitor (a web cookie's `anonymousId`) racking up engagements in its own stream,
// `suspect-<anonymousId>` (named through the blind index, as a lead is by its email), before it ever gives an
// email. A capture naming it identifies it as a lead, once; the suspect stream is the arbiter of that "once"
// (its expected revision), and the lead then records `SuspectStitched` with what the suspect brought. Its
// events do not repeat the cookie id: the stream names it, so erasing the lead's link forgets the person.

export type SuspectCommand =
  | Message<
      'RecordAnonymousEngagement',
      {
        anonymousId: string;
        kind: EngagementKind;
        scoreDelta: number;
        /** Where the visit came from (default: the utm source). */
        source?: string;
        utm?: UtmInput;
      }
    >
  /** Issued by a capture naming the suspect, with the lead it captured. */
  | Message<'IdentifySuspect', { anonymousId: string; leadId: string }>;

/** What a suspect brings to the lead it becomes: its engagements, its score and its first touch. */
export type SuspectSummary = Readonly<{
  engagements: number;
  score: number;
  firstTouchAt: string;
  /** First-touch attribution: the source and campaign of the suspect's first engagement. */
  source: string | null;
  campaign: string | null;
}>;

export type SuspectEvent =
  | Message<
      'AnonymousEngagementRecorded',
      {
        kind: EngagementKind;
        scoreDelta: number;
        source: string | null;
        utm: Utm | null;
      }
    >
  | Message<
      'SuspectIdentified',
      SuspectSummary & {
        /** The lead it became: sealed with the suspect's own key, null once that lead was erased. */
        leadId: string | null;
      }
    >;

export type SuspectEventType = SuspectEvent['type'];
/** Every event type a suspect stream may hold. */
export const suspectEventTypes: readonly SuspectEventType[] = [
  'AnonymousEngagementRecorded',
  'SuspectIdentified',
];
export type SuspectEventOf<T extends SuspectEventType> = Extract<SuspectEvent, { type: T }>;

export type SuspectState =
  | Readonly<{ stage: 'none' }>
  | (Readonly<{ stage: 'anonymous'; lastEventAt: string }> & SuspectSummary)
  | (Readonly<{ stage: 'identified'; leadId: string | null; identifiedAt: string }> & SuspectSummary);

export const noSuspect: SuspectState = { stage: 'none' };

/** Folds one suspect event; total, like the lead's `evolve`. */
export function evolveSuspect(state: SuspectState, event: SuspectEvent): SuspectState {
  const at = event.metadata.occurredAt;
  if (event.type === 'SuspectIdentified') {
    if (state.stage === 'identified') return state;
    const { leadId, ...summary } = event.data;
    return { stage: 'identified', leadId, identifiedAt: at, ...summary };
  }
  const { scoreDelta, source, utm } = event.data;
  if (state.stage === 'none') {
    const campaign = utm?.campaign ?? null;
    return {
      stage: 'anonymous',
      engagements: 1,
      score: scoreDelta,
      firstTouchAt: at,
      source,
      campaign,
      lastEventAt: at,
    };
  }
  if (state.stage === 'identified') return state;
  return {
    ...state,
    engagements: state.engagements + 1,
    score: state.score + scoreDelta,
    lastEventAt: Date.parse(at) > Date.parse(state.lastEventAt) ? at : state.lastEventAt,
  };
}
