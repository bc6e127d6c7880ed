import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { LeadIdentity } from '@leadger/lead-application';
import {
  claimNurture,
  NURTURE,
  type ClaimedNurtureItem,
  type NurtureClaimAnswer,
} from '@leadger/projections';
import { LEAD_IDENTITY } from '../../auth/identity.module';
import { ReadModels } from '../read-models';
import type { NurtureClaimDto } from './nurture-claim.dto';
import { openNurtureItems, type OpenedNurtureItem } from './opened-nurture';

export type OpenedNurtureClaim = Omit<NurtureClaimAnswer, 'items'> & {
  readonly items: readonly OpenedNurtureItem<ClaimedNurtureItem>[];
};

/** Claims due nurture items for one consumer; changes claims in the read store, never the event log. */
export class ClaimNurture extends Command<OpenedNurtureClaim> {
  constructor(
    readonly claim: NurtureClaimDto,
    readonly after: string | undefined,
  ) {
    super();
  }
}

@CommandHandler(ClaimNurture)
export class ClaimNurtureHandler implements ICommandHandler<ClaimNurture, OpenedNurtureClaim> {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(LEAD_IDENTITY) private readonly identity: LeadIdentity,
  ) {}

  async execute({ claim, after }: ClaimNurture): Promise<OpenedNurtureClaim> {
    const answer = await this.readModels.read([NURTURE], after, (store) => claimNurture(store, claim));
    return { ...answer, items: await openNurtureItems(answer.items, this.identity.personalData, false) };
  }
}
