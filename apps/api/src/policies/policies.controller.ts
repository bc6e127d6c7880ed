import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PoliciesHandle } from '@leadger/policy-runtime';
import { policiesAnswerSchema, type PoliciesAnswer } from './policies-answer';
import { POLICIES } from './policies.token';

@ApiTags('policies')
@Controller('policies')
export class PoliciesController {
  constructor(@Inject(POLICIES) private readonly policies: PoliciesHandle) {}

  @Get()
  @ApiOperation({
    operationId: 'GetPolicies',
    summary: 'The rules in force: MQL rules, routing, handoff SLA, nurture, reason sets, win probabilities',
    description:
      'The rules file this server started with (LEADGER_POLICIES), defaults filled in, with its digest and ' +
      'the PoliciesChanged event (stream `policies`) that recorded it.',
  })
  @ApiOkResponse({ schema: policiesAnswerSchema, description: 'The rules in force and their version.' })
  getPolicies(): PoliciesAnswer {
    const { digest, source, rules } = this.policies.loaded;
    const recorded = this.policies.recorded();
    return {
      digest,
      source,
      rules,
      changedAt: recorded?.changedAt ?? null,
      position: recorded?.position.toString() ?? null,
    };
  }
}
