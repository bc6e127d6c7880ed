import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { LeadIdentity } from '@leadger/lead-application';
import { NURTURE, nurtureList, type NurtureItem, type NurtureListAnswer } from '@leadger/projections';
import type { Caller } from '../../auth/caller';
import { LEAD_IDENTITY } from '../../auth/identity.module';
import { ReadModels } from '../read-models';
import type { NurtureQueryDto } from './nurture-query.dto';
import { openNurtureItems, type OpenedNurtureItem } from './opened-nurture';

export type OpenedNurtureList = Omit<NurtureListAnswer, 'items'> & {
  readonly items: readonly OpenedNurtureItem<NurtureItem>[];
};

export class ListNurture extends Query<OpenedNurtureList> {
  constructor(
    readonly query: NurtureQueryDto,
    readonly caller: Caller,
  ) {
    super();
  }
}

@QueryHandler(ListNurture)
export class ListNurtureHandler implements IQueryHandler<ListNurture, OpenedNurtureList> {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(LEAD_IDENTITY) private readonly identity: LeadIdentity,
  ) {}

  async execute({ query: { after, ...page }, caller }: ListNurture): Promise<OpenedNurtureList> {
    const answer = await this.readModels.read([NURTURE], after, (store) => nurtureList(store, page));
    const masked = !caller.scopes.includes('any');
    return { ...answer, items: await openNurtureItems(answer.items, this.identity.personalData, masked) };
  }
}
