import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Readiness } from './readiness';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  /**
   * Liveness: 200 while the process answers. It looks at no store on purpose: a store being down is no
   * reason to restart the API, which comes back to ready by itself once the store does.
   */
  @Get('live')
  @ApiOperation({ operationId: 'GetHealthLive', summary: 'The process answers: always 200' })
  @HealthCheck()
  live() {
    return { status: 'ok', info: { process: { status: 'up', pid: process.pid } }, error: {}, details: {} };
  }

  /**
   * Readiness: 200 when both stores answer and the projector keeps the read models; 503 otherwise, with
   * `error` naming each component that is down and why. Policies (or webhooks) far behind the log answer
   * 200 with `status: degraded` and `info.lag.lagging` naming them: the API itself serves as well as ever.
   * Sent from here, not thrown: the problem filter would turn terminus' exception into a 500.
   */
  @Get('ready')
  @ApiOperation({
    operationId: 'GetHealthReady',
    summary:
      'Both stores and the projector: 200 when up (status degraded when the policies lag), 503 naming what is down',
  })
  @HealthCheck()
  ready(@Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(reply);
  }

  /** `/health` is readiness, as it always was. */
  @Get()
  @ApiOperation({ operationId: 'GetHealth', summary: 'The same as /health/ready' })
  @HealthCheck()
  health(@Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(reply);
  }

  private async answer(reply: FastifyReply) {
    const result = await this.readiness.check();
    if (result.status !== 'ok' && result.status !== 'degraded')
      void reply.status(503).header('retry-after', '5');
    return result;
  }
}
