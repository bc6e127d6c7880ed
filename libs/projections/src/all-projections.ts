import { customerNurtureProjection } from './customer-nurture/customer-nurture.projection';
import { funnelProjection } from './funnel/funnel.projection';
import { handoffsProjection } from './handoffs/handoffs.projection';
import { nurtureProjection } from './nurture/nurture.projection';
import type { Projection } from './projection';
import { pipelineProjection } from './pipeline/pipeline.projection';

/** Every read model the projector keeps. */
export const allProjections: readonly Projection[] = [
  funnelProjection,
  pipelineProjection,
  nurtureProjection,
  handoffsProjection,
  customerNurtureProjection,
];
