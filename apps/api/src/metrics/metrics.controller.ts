import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { LeadgerMetrics } from '@leadger/metrics';
import type { FastifyReply } from 'fastify';

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: LeadgerMetrics) {}

  /**
   * Behind a token like every route but health: the counts say how busy the engine is and which commands
   * fail, which is no one's business outside operations. A scraper that cannot send a token scrapes the
   * metrics port (LEADGER_METRICS_PORT) instead, on a private network.
   */
  @Get()
  @ApiOperation({
    operationId: 'GetMetrics',
    summary: 'Prometheus metrics: commands, latency, conflicts, lag, policy effects, webhooks, process',
    description:
      'The Prometheus text format (version 0.0.4) of this process: commands by type and outcome, their ' +
      'latency, lost races and retries, each log consumer’s lag in events and seconds, policy effects, ' +
      'webhook deliveries, the lead cache and Node’s process metrics. See the README, Operations.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Every metric of this process, in the Prometheus text format.',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  async getMetrics(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const text = await this.metrics.scrape();
    void reply.type(this.metrics.contentType);
    return text;
  }
}
