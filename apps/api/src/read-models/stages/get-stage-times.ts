import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { STAGES, stageTimes, stagesProjection, type StageTimesAnswer } from '@leadger/projections';
import { AsOfReplay } from '../as-of';
import { ReadModels } from '../read-models';
import type { StageTimesQueryDto } from './stages-query.dto';

export class GetStageTimes extends Query<StageTimesAnswer> {
  constructor(readonly query: StageTimesQueryDto) {
    super();
  }
}

@QueryHandler(GetStageTimes)
export class GetStageTimesHandler implements IQueryHandler<GetStageTimes, StageTimesAnswer> {
  constructor(
    private readonly readModels: ReadModels,
    private readonly replay: AsOfReplay,
  ) {}

  execute({ query: { after, asOf, by, ...filters } }: GetStageTimes): Promise<StageTimesAnswer> {
    if (asOf !== undefined)
      return this.replay.read(stagesProjection, { asOf, by }, (store) => stageTimes(store, filters));
    return this.readModels.read([STAGES], after, (store) => stageTimes(store, filters));
  }
}
