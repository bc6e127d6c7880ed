import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { PoliciesHandle } from '@leadger/policy-runtime';
import { PIPELINE, pipeline, pipelineProjection, type PipelineAnswer } from '@leadger/projections';
import { POLICIES } from '../../policies/policies.token';
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
    @Inject(POLICIES) private readonly policies: PoliciesHandle,
  ) {}

  execute({ query: { after, asOf, by, ...query } }: GetPipeline): Promise<PipelineAnswer> {
    // Weighted by the win probabilities in force (the rules file), also as of a past moment.
    const filters = { ...query, probabilities: this.policies.loaded.rules.winProbabilities };
    if (asOf !== undefined)
      return this.replay.read(pipelineProjection, { asOf, by }, (store) => pipeline(store, filters));
    return this.readModels.read([PIPELINE], after, (store) => pipeline(store, filters));
  }
}
