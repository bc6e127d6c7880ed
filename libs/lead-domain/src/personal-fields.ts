import type { LeadEventType } from './events';

/** Every field name that holds personal data, in any event. */
export type PersonalField =
  | 'email'
  | 'firstName'
  | 'lastName'
  | 'company'
  | 'title'
  | 'phone'
  | 'anonymousId'
  | 'note'
  | 'authority'
  | 'need'
  | 'timeline';

/** An event's data as a reader gets it back: a personal field is null when erased or not to be shown. */
export type Unsealed<Data> = {
  readonly [K in keyof Data]: K extends PersonalField ? Data[K] | null : Data[K];
};

/**
 * The fields of each event that a person could be recognised by: contact details, names, the anonymous
 * visitor id, and free text. The application seals them with the lead's own key before they are stored,
 * so that erasing the key erases the person while every event, count and hash stays.
 */
export const personalFields: Readonly<Record<LeadEventType, readonly PersonalField[]>> = {
  LeadCaptured: ['email', 'firstName', 'lastName', 'company', 'title', 'phone', 'anonymousId'],
  EngagementRecorded: ['note'],
  LeadMarketingQualified: [],
  LeadHandedOff: [],
  LeadAccepted: [],
  LeadRejected: ['note'],
  LeadRecycled: ['note'],
  // Free text about the buyer ("Jane signs off"), not figures.
  LeadQualified: ['authority', 'need', 'timeline'],
  OpportunityStageChanged: [],
  LeadReassigned: [],
  DealWon: [],
  DealLost: ['note'],
  DealReopened: [],
  LeadReengaged: ['note'],
  LeadDisqualified: ['note'],
  LeadRequalified: ['note'],
  OpportunityOpened: [],
  CustomerNurtureScheduled: [],
  LeadErased: [],
  // The cookie id links the person to their anonymous visits: erasing the lead unlinks them.
  SuspectStitched: ['anonymousId'],
};
