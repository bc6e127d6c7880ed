import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { LEADGER_CONFIG, type LeadgerConfig } from '@leadger/config';
import type { Logger } from '@leadger/logging';
import { IdentityModule } from './auth/identity.module';
import { EventStoreModule } from './event-store/event-store.module';
import { KeysModule } from './keys/keys.module';
import { HealthController } from './health/health.controller';
import { Readiness } from './health/readiness';
import { LeadsModule } from './leads/leads.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { OwnersModule } from './owners/owners.module';
import { CLOCK, systemClock, type Clock } from './clock';
import { PoliciesModule } from './policies/policies.module';
import { PolicyRunnerModule } from './policies/policy-runner.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  static forConfig(config: LeadgerConfig, log: Logger, clock: Clock = systemClock): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggingModule.forRoot(log),
        CqrsModule.forRoot(),
        TerminusModule,
        EventStoreModule,
        MetricsModule,
        IdentityModule,
        PoliciesModule,
        KeysModule,
        LeadsModule,
        ReadModelsModule,
        OwnersModule,
        PolicyRunnerModule,
        WebhooksModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: LEADGER_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        Readiness,
      ],
      exports: [LEADGER_CONFIG, CLOCK],
    };
  }
}
