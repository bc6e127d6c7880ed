import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { EventStore } from '@leadger/event-store';
import { EVENT_STORE } from '../event-store/event-store.module';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** 200 with the event store in use when it answers; 503 with the reason when it does not. */
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      async () => {
        const session = this.indicators.check('eventStore');
        try {
          await this.store.ping();
          return session.up({ kind: this.store.kind });
        } catch (error) {
          return session.down({ kind: this.store.kind, message: (error as Error).message });
        }
      },
    ]);
  }
}
