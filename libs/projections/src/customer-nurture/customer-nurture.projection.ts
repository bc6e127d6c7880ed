import { ms } from '../figures';
import { leadProjection } from '../lead-projection';
import { leaveQueue } from '../queue-exit';
import { sealedOf } from '../sealed';
import { CUSTOMER_NURTURE, customerNurtureKeys, type CustomerNurtureItem } from './customer-nurture-keys';

/** Who the customer is: its capture (sealed), and its first win and owner once it has one. */
interface CustomerMemo {
  readonly sealed: string | null;
  readonly source: string;
  readonly campaign: string | null;
  readonly owner: string | null;
  readonly customerSince: string | null;
}

const leave = (leadId: string) => leaveQueue(customerNurtureKeys, leadId);

/**
 * Customer-nurture queue: every customer in an onboarding, referral, upsell or renewal program, due by
 * revisit date. A new schedule replaces the old; opening an opportunity or erasing the lead takes it out.
 */
export const customerNurtureProjection = leadProjection<CustomerMemo>({
  name: CUSTOMER_NURTURE,
  version: 1,
  handlers: {
    LeadCaptured: (memo, event) => {
      const { source, campaign } = event.data;
      const who = { sealed: sealedOf(event), source, campaign, owner: null, customerSince: null };
      return memo ? {} : { memo: who };
    },
    DealWon: (memo, event) =>
      memo
        ? {
            memo: {
              ...memo,
              owner: event.data.owner,
              customerSince: memo.customerSince ?? event.metadata.occurredAt,
            },
          }
        : {},
    CustomerNurtureScheduled: (memo, event) => {
      const { leadId, program, revisitAt } = event.data;
      const item: CustomerNurtureItem = {
        leadId,
        sealed: { capture: memo?.sealed ?? null },
        source: memo?.source ?? null,
        campaign: memo?.campaign ?? null,
        owner: memo?.owner ?? null,
        customerSince: memo?.customerSince ?? null,
        program,
        scheduledAt: event.metadata.occurredAt,
        revisitAt,
      };
      return {
        changes: [
          { op: 'hset', key: customerNurtureKeys.items, field: leadId, value: JSON.stringify(item) },
          { op: 'zadd', key: customerNurtureKeys.due, member: leadId, score: ms(revisitAt) },
        ],
      };
    },
    OpportunityOpened: (_memo, event) => leave(event.data.leadId),
    LeadErased: (_memo, event) => ({ ...leave(event.data.leadId), memo: null }),
  },
});
