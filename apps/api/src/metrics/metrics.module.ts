import { Global, Module } from '@nestjs/common';
import { LeadgerMetrics } from '@leadger/metrics';
import { ReadModelsModule } from '../read-models/read-models.module';
import { MetricsController } from './metrics.controller';
import { MetricsPort } from './metrics-port';

/**
 * This process's metrics: one `LeadgerMetrics` for the command path, the policies and (later) webhooks to
 * report to, `GET /metrics` behind a token, and the tokenless metrics port when configured.
 */
@Global()
@Module({
  imports: [ReadModelsModule],
  controllers: [MetricsController],
  providers: [{ provide: LeadgerMetrics, useFactory: () => new LeadgerMetrics() }, MetricsPort],
  exports: [LeadgerMetrics, MetricsPort],
})
export class MetricsModule {}
