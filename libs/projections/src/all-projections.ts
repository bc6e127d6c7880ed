import { campaignsProjection } from './campaigns/campaigns.projection';
import { customerNurtureProjection } from './customer-nurture/customer-nurture.projection';
import { funnelProjection } from './funnel/funnel.projection';
import { handoffsProjection } from './handoffs/handoffs.projection';
import { leadIndexProjection } from './lead-index/lead-index.projection';
import { nurtureProjection } from './nurture/nurture.projection';
import type { Projection } from './projection';
import { pipelineProjection } from './pipeline/pipeline.projection';
import { stagesProjection } from './stages/stages.projection';

/** Every read model the projector keeps. */
export const allProjections: readonly Projection[] = [
  funnelProjection,
  pipelineProjection,
  nurtureProjection,
  handoffsProjection,
  stagesProjection,
  campaignsProjection,
  leadIndexProjection,
  customerNurtureProjection,
];
