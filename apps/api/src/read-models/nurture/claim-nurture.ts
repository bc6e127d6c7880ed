import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { claimNurture, NURTURE, type NurtureClaimAnswer } from '@leadger/projections';
import { ReadModels } from '../read-models';
import type { NurtureClaimDto } from './nurture-claim.dto';

/** Claims due nurture items for one consumer; changes claims in the read store, never the event log. */
export class ClaimNurture extends Command<NurtureClaimAnswer> {
  constructor(
    readonly claim: NurtureClaimDto,
    readonly after: string | undefined,
  ) {
    super();
  }
}

@CommandHandler(ClaimNurture)
export class ClaimNurtureHandler implements ICommandHandler<ClaimNurture, NurtureClaimAnswer> {
  constructor(private readonly readModels: ReadModels) {}

  execute({ claim, after }: ClaimNurture): Promise<NurtureClaimAnswer> {
    return this.readModels.read([NURTURE], after, (store) => claimNurture(store, claim));
  }
}
