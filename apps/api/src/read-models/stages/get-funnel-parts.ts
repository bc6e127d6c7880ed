import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { PoliciesHandle } from '@leadger/policy-runtime';
import { funnelParts, STAGES, stagesProjection, type FunnelPartsAnswer } from '@leadger/projections';
import { POLICIES } from '../../policies/policies.token';
import { AsOfReplay } from '../as-of';
import { ReadModels } from '../read-models';
import type { FunnelPartsQueryDto } from './stages-query.dto';

export class GetFunnelParts extends Query<FunnelPartsAnswer> {
  constructor(readonly query: FunnelPartsQueryDto) {
    super();
  }
}

@QueryHandler(GetFunnelParts)
export class GetFunnelPartsHandler implements IQueryHandler<GetFunnelParts, FunnelPartsAnswer> {
  constructor(
    private readonly readModels: ReadModels,
    private readonly replay: AsOfReplay,
    @Inject(POLICIES) private readonly policies: PoliciesHandle,
  ) {}

  execute({ query: { after, asOf, by, ...period } }: GetFunnelParts): Promise<FunnelPartsAnswer> {
    // The parts as the rules file maps them: a changed map applies to the next answer, no rebuild.
    const parts = this.policies.loaded.rules.funnelParts;
    const answer = (store: Parameters<typeof funnelParts>[0]) => funnelParts(store, parts, period);
    if (asOf !== undefined) return this.replay.read(stagesProjection, { asOf, by }, answer);
    return this.readModels.read([STAGES], after, answer);
  }
}
