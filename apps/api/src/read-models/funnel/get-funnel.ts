import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { FUNNEL, funnel, type FunnelAnswer } from '@leadger/projections';
import { ReadModels } from '../read-models';
import type { FunnelQueryDto } from './funnel-query.dto';

export class GetFunnel extends Query<FunnelAnswer> {
  constructor(readonly query: FunnelQueryDto) {
    super();
  }
}

@QueryHandler(GetFunnel)
export class GetFunnelHandler implements IQueryHandler<GetFunnel, FunnelAnswer> {
  constructor(private readonly readModels: ReadModels) {}

  execute({ query: { after, ...filters } }: GetFunnel): Promise<FunnelAnswer> {
    return this.readModels.read([FUNNEL], after, (store) => funnel(store, filters));
  }
}
