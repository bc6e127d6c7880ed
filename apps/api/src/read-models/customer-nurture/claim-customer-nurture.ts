import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { LeadIdentity } from '@leadger/lead-application';
import {
  claimCustomerNurture,
  CUSTOMER_NURTURE,
  type ClaimedCustomerNurtureItem,
  type CustomerNurtureClaimAnswer,
} from '@leadger/projections';
import { LEAD_IDENTITY } from '../../auth/identity.module';
import type { NurtureClaimDto } from '../nurture/nurture-claim.dto';
import { ReadModels } from '../read-models';
import { openCustomerNurtureItems, type OpenedCustomerNurtureItem } from './opened-customer-nurture';

export type OpenedCustomerNurtureClaim = Omit<CustomerNurtureClaimAnswer, 'items'> & {
  readonly items: readonly OpenedCustomerNurtureItem<ClaimedCustomerNurtureItem>[];
};

/** Claims due customer-nurture items for one consumer; changes claims in the read store, never the log. */
export class ClaimCustomerNurture extends Command<OpenedCustomerNurtureClaim> {
  constructor(
    readonly claim: NurtureClaimDto,
    readonly after: string | undefined,
  ) {
    super();
  }
}

@CommandHandler(ClaimCustomerNurture)
export class ClaimCustomerNurtureHandler implements ICommandHandler<
  ClaimCustomerNurture,
  OpenedCustomerNurtureClaim
> {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(LEAD_IDENTITY) private readonly identity: LeadIdentity,
  ) {}

  async execute({ claim, after }: ClaimCustomerNurture): Promise<OpenedCustomerNurtureClaim> {
    const answer = await this.readModels.read([CUSTOMER_NURTURE], after, (store) =>
      claimCustomerNurture(store, claim),
    );
    const items = await openCustomerNurtureItems(answer.items, this.identity.personalData, false);
    return { ...answer, items };
  }
}
