import type { Change } from '@leadger/read-store';
import { ms } from '../figures';
import {
  handoffKeys,
  ownerField,
  reasonField,
  sourceField,
  type HandoffDecision,
  type HandoffEntry,
} from './handoff-keys';

const put = (entry: HandoffEntry): Change => ({
  op: 'hsetdoc',
  key: handoffKeys.entries,
  field: entry.id,
  doc: entry,
});

const countOwner = (owner: string, metric: Parameters<typeof ownerField>[1], by: number): Change => ({
  op: 'hincr',
  key: handoffKeys.owners,
  field: ownerField(owner, metric),
  by,
});

/** A new entry: stored, indexed by time, owner and decision, and counted for its owner. */
export function opened(entry: HandoffEntry): Change[] {
  const at = ms(entry.at);
  const changes: Change[] = [
    put(entry),
    { op: 'zadd', key: handoffKeys.byTime, member: entry.id, score: at },
    { op: 'zadd', key: handoffKeys.byOwner(entry.to), member: entry.id, score: at },
    { op: 'zadd', key: handoffKeys.byDecision(entry.decision), member: entry.id, score: at },
    countOwner(entry.to, 'entries', 1),
  ];
  if (entry.decision === 'pending' && entry.slaDueAt !== null) {
    changes.push({ op: 'zadd', key: handoffKeys.pendingDue, member: entry.id, score: ms(entry.slaDueAt) });
    changes.push(countOwner(entry.to, 'pending', 1));
  }
  return changes;
}

/** Closes a pending entry: its decision, when, why, how long it took and whether the SLA was breached. */
export function closed(
  entry: HandoffEntry,
  decision: Exclude<HandoffDecision, 'pending'>,
  at: string,
  reason: string | null,
): { entry: HandoffEntry; changes: Change[] } {
  const timeToDecisionMs = ms(at) - ms(entry.at);
  const breachedAtClose = entry.slaDueAt !== null && ms(at) > ms(entry.slaDueAt);
  const done: HandoffEntry = { ...entry, decision, decidedAt: at, reason, timeToDecisionMs, breachedAtClose };
  const changes: Change[] = [
    put(done),
    { op: 'zrem', key: handoffKeys.byDecision('pending'), member: entry.id },
    { op: 'zadd', key: handoffKeys.byDecision(decision), member: entry.id, score: ms(entry.at) },
    { op: 'zrem', key: handoffKeys.pendingDue, member: entry.id },
    countOwner(entry.to, 'pending', -1),
  ];
  if (breachedAtClose) changes.push(countOwner(entry.to, 'breaches', 1));
  if (decision === 'accepted' || decision === 'rejected' || decision === 'reassigned') {
    changes.push(countOwner(entry.to, decision, 1));
  }
  if (decision === 'accepted' || decision === 'rejected') {
    const key = handoffKeys.decisionTimes(entry.to);
    changes.push({ op: 'zadd', key, member: entry.id, score: timeToDecisionMs });
    if (entry.source !== null) {
      changes.push({
        op: 'hincr',
        key: handoffKeys.sources,
        field: sourceField(entry.source, decision),
        by: 1,
      });
      if (decision === 'rejected' && reason !== null) {
        const field = reasonField(entry.source, reason);
        changes.push({ op: 'hincr', key: handoffKeys.rejectionReasons, field, by: 1 });
      }
    }
  }
  return { entry: done, changes };
}
