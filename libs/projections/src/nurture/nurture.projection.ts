import { ms } from '../figures';
import { leadProjection, type Step } from '../lead-projection';
import { NURTURE, nurtureKeys, type NurtureItem } from './nurture-keys';

/** Who the lead is, from its capture, to show with its nurture item. */
interface NurtureMemo {
  readonly email: string;
  readonly source: string;
  readonly campaign: string | null;
}

function leave(leadId: string): Step<NurtureMemo> {
  return {
    changes: [
      { op: 'hdel', key: nurtureKeys.items, field: leadId },
      { op: 'zrem', key: nurtureKeys.due, member: leadId },
    ],
  };
}

/**
 * Recycle-to-nurture queue: every lead in nurture with reason, origin, recycled and revisit dates, due by
 * revisit date. Re-engaging or disqualifying the lead takes it out.
 */
export const nurtureProjection = leadProjection<NurtureMemo>({
  name: NURTURE,
  version: 1,
  handlers: {
    LeadCaptured: (memo, event) => {
      const { email, source, campaign } = event.data;
      return memo ? {} : { memo: { email, source, campaign } };
    },
    LeadRecycled: (memo, event) => {
      const { leadId, origin, originStage, reason, note, revisitAt } = event.data;
      const item: NurtureItem = {
        leadId,
        email: memo?.email ?? null,
        source: memo?.source ?? null,
        campaign: memo?.campaign ?? null,
        origin,
        originStage,
        originLabel: origin === 'rejected' ? 'rejected at handoff' : `lost at ${originStage}`,
        reason,
        note,
        recycledAt: event.metadata.occurredAt,
        revisitAt,
      };
      return {
        changes: [
          { op: 'hset', key: nurtureKeys.items, field: leadId, value: JSON.stringify(item) },
          { op: 'zadd', key: nurtureKeys.due, member: leadId, score: ms(revisitAt) },
        ],
      };
    },
    LeadReengaged: (_memo, event) => leave(event.data.leadId),
    LeadDisqualified: (_memo, event) => leave(event.data.leadId),
  },
});
