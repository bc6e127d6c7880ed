import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LEADGER_CONFIG, type LeadgerConfig } from './config/leadger-config';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthController } from './health/health.controller';
import { LeadsModule } from './leads/leads.module';

@Module({})
export class AppModule {
  static forConfig(config: LeadgerConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [TerminusModule, EventStoreModule, LeadsModule],
      controllers: [HealthController],
      providers: [{ provide: LEADGER_CONFIG, useValue: config }],
      exports: [LEADGER_CONFIG],
    };
  }
}
