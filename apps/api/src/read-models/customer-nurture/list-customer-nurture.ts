import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { LeadIdentity } from '@leadger/lead-application';
import {
  CUSTOMER_NURTURE,
  customerNurtureList,
  type CustomerNurtureItem,
  type CustomerNurtureListAnswer,
} from '@leadger/projections';
import type { Caller } from '../../auth/caller';
import { LEAD_IDENTITY } from '../../auth/identity.module';
import type { NurtureQueryDto } from '../nurture/nurture-query.dto';
import { ReadModels } from '../read-models';
import { openCustomerNurtureItems, type OpenedCustomerNurtureItem } from './opened-customer-nurture';

export type OpenedCustomerNurtureList = Omit<CustomerNurtureListAnswer, 'items'> & {
  readonly items: readonly OpenedCustomerNurtureItem<CustomerNurtureItem>[];
};

export class ListCustomerNurture extends Query<OpenedCustomerNurtureList> {
  constructor(
    readonly query: NurtureQueryDto,
    readonly caller: Caller,
  ) {
    super();
  }
}

@QueryHandler(ListCustomerNurture)
export class ListCustomerNurtureHandler implements IQueryHandler<
  ListCustomerNurture,
  OpenedCustomerNurtureList
> {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(LEAD_IDENTITY) private readonly identity: LeadIdentity,
  ) {}

  async execute({
    query: { after, ...page },
    caller,
  }: ListCustomerNurture): Promise<OpenedCustomerNurtureList> {
    const answer = await this.readModels.read([CUSTOMER_NURTURE], after, (store) =>
      customerNurtureList(store, page),
    );
    const masked = !caller.scopes.includes('any');
    const items = await openCustomerNurtureItems(answer.items, this.identity.personalData, masked);
    return { ...answer, items };
  }
}
