import type { Change } from '@leadger/read-store';
import { dayNumber, dayOf, ms } from '../figures';
import type { ProjectedEvent, ProjectedEventType } from '../projection';
import { funnelKeys, suspectField, suspectTimeField } from './funnel-keys';

// The top of the funnel: anonymous visitors, bucketed by their first touch (day, source, campaign), and
// those a capture identified, with the time from first touch to that capture. Every fact a row needs is on
// the event (a suspect's first event is its revision 0; its identification carries the first touch), so
// these handlers keep no memo, and the visitor's cookie id is written nowhere in the read model.

const eventTypes: readonly ProjectedEventType[] = ['AnonymousEngagementRecorded', 'SuspectIdentified'];

function apply(event: ProjectedEvent): readonly Change[] {
  if (event.type === 'AnonymousEngagementRecorded') {
    if (event.revision !== 0n) return [];
    const day = dayOf(event.metadata.occurredAt);
    const field = suspectField(event.data.source, event.data.utm?.campaign ?? null, 'visitors');
    return [
      { op: 'zadd', key: funnelKeys.days, member: day, score: dayNumber(day) },
      { op: 'hincr', key: funnelKeys.suspects(day), field, by: 1 },
    ];
  }
  if (event.type !== 'SuspectIdentified') return [];
  const { firstTouchAt, source, campaign } = event.data;
  const day = dayOf(firstTouchAt);
  const time = String(ms(event.metadata.occurredAt) - ms(firstTouchAt));
  return [
    {
      op: 'hincr',
      key: funnelKeys.suspects(day),
      field: suspectField(source, campaign, 'becameLeads'),
      by: 1,
    },
    {
      op: 'hset',
      key: funnelKeys.suspectTimes(day),
      field: suspectTimeField(source, campaign, event.position),
      value: time,
    },
  ];
}

export const suspectHandlers = { eventTypes, apply };
