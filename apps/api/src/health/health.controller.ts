import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { EventStore } from '@leadger/event-store';
import { allProjections } from '@leadger/projections';
import type { ReadStore } from '@leadger/read-store';
import { EVENT_STORE } from '../event-store/event-store.module';
import { ProjectorRunner } from '../read-models/projector-runner';
import { READ_STORE } from '../read-models/read-store.provider';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly projector: ProjectorRunner,
  ) {}

  /**
   * 200 with the stores in use and the projector's state when both stores answer; 503 with the reason
   * when one does not. A projector that is retrying is reported, not counted as down: commands still work.
   */
  @Get()
  @ApiOperation({
    operationId: 'GetHealth',
    summary: 'Both stores and the projector: 200 when up, 503 naming what is down',
  })
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.probe('eventStore', this.eventStore.kind, () => this.eventStore.ping()),
      () =>
        this.probe('readStore', this.readStore.kind, async () => {
          await this.readStore.readCheckpoints(allProjections.map((p) => p.name));
        }),
      () => this.indicators.check('projector').up({ ...this.projectorState() }),
    ]);
  }

  private async probe(name: string, kind: string, ping: () => Promise<void>) {
    const session = this.indicators.check(name);
    try {
      await ping();
      return session.up({ kind });
    } catch (error) {
      return session.down({ kind, message: (error as Error).message });
    }
  }

  private projectorState() {
    const status = this.projector.status();
    return status === 'off' ? { state: 'off' } : status;
  }
}
