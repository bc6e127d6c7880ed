import { Module } from '@nestjs/common';
import { LeadsModule } from '../leads/leads.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { PolicyRunnerService } from './policy-runner.service';

/** The policies at work in this process: on the routes' command path, their state in the read store. */
@Module({
  imports: [LeadsModule, ReadModelsModule],
  providers: [PolicyRunnerService],
  exports: [PolicyRunnerService],
})
export class PolicyRunnerModule {}
