import type { PersonalData, PersonalDataView } from '@leadger/lead-application';
import type { CustomerNurtureItem } from '@leadger/projections';
import { openerFor } from '../nurture/opened-nurture';

/** A customer-nurture item as the API shows it: the customer's email opened, or masked, or gone. */
export type OpenedCustomerNurtureItem<Item extends CustomerNurtureItem> = Omit<Item, 'sealed'> & {
  readonly email: string | null;
  readonly personalData: PersonalDataView;
};

export async function openCustomerNurtureItems<Item extends CustomerNurtureItem>(
  items: readonly Item[],
  personalData: PersonalData,
  masked: boolean,
): Promise<OpenedCustomerNurtureItem<Item>[]> {
  return Promise.all(
    items.map(async ({ sealed, ...item }) => {
      const opener = await openerFor(personalData, item.leadId, masked);
      return { ...item, email: opener.field(sealed.capture, 'email'), personalData: opener.personalData };
    }),
  );
}
