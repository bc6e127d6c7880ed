import type { Change } from '@leadger/read-store';

/** Where a due queue keeps its items: a document per lead, and the leads by revisit time. */
export interface QueueKeys {
  readonly items: string;
  readonly due: string;
}

/** The lead leaves the queue (nurture, customer nurture): its item and its place among the due. */
export function leaveQueue(keys: QueueKeys, leadId: string): { changes: Change[] } {
  return {
    changes: [
      { op: 'hdel', key: keys.items, field: leadId },
      { op: 'zrem', key: keys.due, member: leadId },
    ],
  };
}
