import { Module } from '@nestjs/common';
import { AsOfReplay } from './as-of';
import { CampaignsController } from './campaigns/campaigns.controller';
import { GetCampaignInfluenceHandler } from './campaigns/get-campaign-influence';
import { ClaimCustomerNurtureHandler } from './customer-nurture/claim-customer-nurture';
import { CustomerNurtureController } from './customer-nurture/customer-nurture.controller';
import { ListCustomerNurtureHandler } from './customer-nurture/list-customer-nurture';
import { FunnelController } from './funnel/funnel.controller';
import { GetFunnelHandler } from './funnel/get-funnel';
import { GetHandoffsHandler } from './handoffs/get-handoffs';
import { GetHandoffsSummaryHandler } from './handoffs/get-handoffs-summary';
import { HandoffsController } from './handoffs/handoffs.controller';
import { FindLeadsHandler } from './lead-index/find-leads';
import { LeadIndexController } from './lead-index/lead-index.controller';
import { ClaimNurtureHandler } from './nurture/claim-nurture';
import { ListNurtureHandler } from './nurture/list-nurture';
import { NurtureController } from './nurture/nurture.controller';
import { GetPipelineHandler } from './pipeline/get-pipeline';
import { PipelineController } from './pipeline/pipeline.controller';
import { ProjectorRunner } from './projector-runner';
import { ReadModels } from './read-models';
import { READ_STORE, readStoreProvider } from './read-store.provider';
import { GetFunnelPartsHandler } from './stages/get-funnel-parts';
import { GetStageTimesHandler } from './stages/get-stage-times';
import { StagesController } from './stages/stages.controller';

/** The read models: their store, the in-process projector, and the query endpoints over them. */
@Module({
  controllers: [
    FunnelController,
    StagesController,
    CampaignsController,
    PipelineController,
    NurtureController,
    CustomerNurtureController,
    HandoffsController,
    LeadIndexController,
  ],
  providers: [
    readStoreProvider,
    ProjectorRunner,
    ReadModels,
    AsOfReplay,
    GetFunnelHandler,
    GetPipelineHandler,
    ListNurtureHandler,
    ClaimNurtureHandler,
    GetHandoffsHandler,
    GetHandoffsSummaryHandler,
    GetStageTimesHandler,
    GetFunnelPartsHandler,
    GetCampaignInfluenceHandler,
    FindLeadsHandler,
    ListCustomerNurtureHandler,
    ClaimCustomerNurtureHandler,
  ],
  exports: [READ_STORE, ProjectorRunner],
})
export class ReadModelsModule {}
