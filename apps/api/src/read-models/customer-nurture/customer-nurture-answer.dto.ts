import type { PersonalDataView } from '@leadger/lead-application';
import { customerNurturePrograms, type CustomerNurtureProgram } from '@leadger/lead-domain';
import type { ClaimedCustomerNurtureItem, CustomerNurtureItem } from '@leadger/projections';
import { Choice, Email, Label, ListOf, Moment, Uuid } from '../../http/answer-fields';
import { ReadModelAnswer } from '../answer-parts';
import type { OpenedCustomerNurtureClaim } from './claim-customer-nurture';
import type { OpenedCustomerNurtureList } from './list-customer-nurture';
import type { OpenedCustomerNurtureItem } from './opened-customer-nurture';

// `GET /customer-nurture` and `POST /customer-nurture/claim` as the OpenAPI document describes them.

class CustomerNurtureItemView implements OpenedCustomerNurtureItem<CustomerNurtureItem> {
  @Uuid() readonly leadId: string;
  @Email({ nullable: true, description: 'Null when erased or masked.' }) readonly email: string | null;
  @Label({ nullable: true }) readonly source: string | null;
  @Label({ nullable: true }) readonly campaign: string | null;
  @Label({ nullable: true, description: "The customer's sales owner at its latest win." })
  readonly owner: string | null;
  @Moment({ nullable: true, description: 'The first win.' }) readonly customerSince: string | null;
  @Choice(customerNurturePrograms) readonly program: CustomerNurtureProgram;
  @Moment() readonly scheduledAt: string;
  @Moment() readonly revisitAt: string;
  @Choice(['shown', 'masked', 'erased'], { description: 'Whether the email is shown, masked or gone.' })
  readonly personalData: PersonalDataView;
}

class ClaimedCustomerNurtureItemView
  extends CustomerNurtureItemView
  implements OpenedCustomerNurtureItem<ClaimedCustomerNurtureItem>
{
  @Label({ example: 'customer-bot-1' }) readonly claimedBy: string;
  @Moment({ description: 'Nobody else is given the item before then.' }) readonly claimedUntil: string;
}

export class CustomerNurtureListAnswerView extends ReadModelAnswer implements OpenedCustomerNurtureList {
  @ListOf(() => CustomerNurtureItemView, { description: 'Soonest revisit first.' })
  readonly items: readonly CustomerNurtureItemView[];
  @Label({ nullable: true, description: 'Pass as `cursor` for the next page; null on the last one.' })
  readonly nextCursor: string | null;
}

export class CustomerNurtureClaimAnswerView extends ReadModelAnswer implements OpenedCustomerNurtureClaim {
  @ListOf(() => ClaimedCustomerNurtureItemView, { description: 'The items claimed, soonest revisit first.' })
  readonly items: readonly ClaimedCustomerNurtureItemView[];
}
