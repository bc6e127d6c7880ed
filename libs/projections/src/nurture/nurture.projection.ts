import { ms } from '../figures';
import { sealedOf } from '../sealed';
import { leadProjection } from '../lead-projection';
import { leaveQueue } from '../queue-exit';
import { NURTURE, nurtureKeys, type NurtureItem } from './nurture-keys';

/** Who the lead is, from its capture (its personal fields still sealed), to show with its nurture item. */
interface NurtureMemo {
  readonly sealed: string | null;
  readonly source: string;
  readonly campaign: string | null;
}

const leave = (leadId: string) => leaveQueue(nurtureKeys, leadId);

/**
 * Recycle-to-nurture queue: every lead in nurture with reason, origin, recycled and revisit dates, due by
 * revisit date. Re-engaging, disqualifying or erasing the lead takes it out.
 */
export const nurtureProjection = leadProjection<NurtureMemo>({
  name: NURTURE,
  version: 2,
  handlers: {
    LeadCaptured: (memo, event) => {
      const { source, campaign } = event.data;
      return memo ? {} : { memo: { sealed: sealedOf(event), source, campaign } };
    },
    LeadRecycled: (memo, event) => {
      const { leadId, origin, originStage, reason, revisitAt } = event.data;
      const item: NurtureItem = {
        leadId,
        sealed: { capture: memo?.sealed ?? null, recycle: sealedOf(event) },
        source: memo?.source ?? null,
        campaign: memo?.campaign ?? null,
        origin,
        originStage,
        originLabel: origin === 'rejected' ? 'rejected at handoff' : `lost at ${originStage}`,
        reason,
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
    LeadErased: (_memo, event) => ({ ...leave(event.data.leadId), memo: null }),
  },
});
