import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { FUNNEL, funnel, funnelProjection, type FunnelAnswer } from '@leadger/projections';
import { AsOfReplay } from '../as-of';
import { ReadModels } from '../read-models';
import type { FunnelQueryDto } from './funnel-query.dto';

export class GetFunnel extends Query<FunnelAnswer> {
  constructor(readonly query: FunnelQueryDto) {
    super();
  }
}

@QueryHandler(GetFunnel)
export class GetFunnelHandler implements IQueryHandler<GetFunnel, FunnelAnswer> {
  constructor(
    private readonly readModels: ReadModels,
    private readonly replay: AsOfReplay,
  ) {}

  execute({ query: { after, asOf, by, ...filters } }: GetFunnel): Promise<FunnelAnswer> {
    if (asOf !== undefined)
      return this.replay.read(funnelProjection, { asOf, by }, (store) => funnel(store, filters));
    return this.readModels.read([FUNNEL], after, (store) => funnel(store, filters));
  }
}
