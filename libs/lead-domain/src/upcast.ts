import type { LeadEventOf, LeadEventType } from './events';

type Added = { readonly [T in LeadEventType]?: Partial<LeadEventOf<T>['data']> };

/**
 * Fields added to an event type after events of it were stored, with what their absence meant. A stored event
 * is never rewritten: readers fill the gaps here, so the domain, history and projections see one shape.
 */
const addedFields: Added = {
  // 0.4: sales-sourced leads; every lead captured before was marketing's, with no owner at capture.
  LeadCaptured: { origin: 'marketing', owner: null },
  // 0.3: the SLA policy reassigns with a reason and a new SLA; before it, a reassignment had neither.
  LeadReassigned: { reason: null, slaDueAt: null },
  // 0.4: opportunities are named and have a kind; every deal before them was the lead's new business.
  LeadQualified: { opportunityId: null },
  DealWon: { opportunityId: null, kind: 'new_business' },
  DealLost: { opportunityId: null, kind: 'new_business' },
  DealReopened: { opportunityId: null },
};

/** A stored event's data in the shape this code writes. */
export function upcast<Data extends object>(type: string, data: Data): Data {
  const added = addedFields[type as LeadEventType];
  return added ? { ...added, ...data } : data;
}

/**
 * Whether `upcast` would fill nothing in: the data already has every field added since its type was first
 * stored (as every event written by this code has). Readers that only pick fields by name may then take
 * the data as it is, sparing a copy; `upcast` itself always copies, keeping the key order it gives.
 */
export function hasCurrentShape(type: string, data: object): boolean {
  const added = addedFields[type as LeadEventType];
  if (!added) return true;
  for (const field in added) if (!(field in data)) return false;
  return true;
}
