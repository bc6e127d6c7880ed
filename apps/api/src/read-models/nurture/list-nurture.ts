import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NURTURE, nurtureList, type NurtureListAnswer } from '@leadger/projections';
import { ReadModels } from '../read-models';
import type { NurtureQueryDto } from './nurture-query.dto';

export class ListNurture extends Query<NurtureListAnswer> {
  constructor(readonly query: NurtureQueryDto) {
    super();
  }
}

@QueryHandler(ListNurture)
export class ListNurtureHandler implements IQueryHandler<ListNurture, NurtureListAnswer> {
  constructor(private readonly readModels: ReadModels) {}

  execute({ query: { after, ...page } }: ListNurture): Promise<NurtureListAnswer> {
    return this.readModels.read([NURTURE], after, (store) => nurtureList(store, page));
  }
}
