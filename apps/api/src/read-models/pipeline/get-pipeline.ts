import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PIPELINE, pipeline, pipelineProjection, type PipelineAnswer } from '@leadger/projections';
import { AsOfReplay } from '../as-of';
import { ReadModels } from '../read-models';
import type { PipelineQueryDto } from './pipeline-query.dto';

export class GetPipeline extends Query<PipelineAnswer> {
  constructor(readonly query: PipelineQueryDto) {
    super();
  }
}

@QueryHandler(GetPipeline)
export class GetPipelineHandler implements IQueryHandler<GetPipeline, PipelineAnswer> {
  constructor(
    private readonly readModels: ReadModels,
    private readonly replay: AsOfReplay,
  ) {}

  execute({ query: { after, asOf, by, ...filters } }: GetPipeline): Promise<PipelineAnswer> {
    if (asOf !== undefined)
      return this.replay.read(pipelineProjection, { asOf, by }, (store) => pipeline(store, filters));
    return this.readModels.read([PIPELINE], after, (store) => pipeline(store, filters));
  }
}
