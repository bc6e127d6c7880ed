import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PIPELINE, pipeline, type PipelineAnswer } from '@leadger/projections';
import { ReadModels } from '../read-models';
import type { PipelineQueryDto } from './pipeline-query.dto';

export class GetPipeline extends Query<PipelineAnswer> {
  constructor(readonly query: PipelineQueryDto) {
    super();
  }
}

@QueryHandler(GetPipeline)
export class GetPipelineHandler implements IQueryHandler<GetPipeline, PipelineAnswer> {
  constructor(private readonly readModels: ReadModels) {}

  execute({ query: { after, ...filters } }: GetPipeline): Promise<PipelineAnswer> {
    return this.readModels.read([PIPELINE], after, (store) => pipeline(store, filters));
  }
}
