import { openJson, type PersonalData, type PersonalDataView } from '@leadger/lead-application';
import type { NurtureItem } from '@leadger/projections';

/** A nurture item as the API shows it: its sealed personal data opened, or masked, or gone. */
export type OpenedNurtureItem<Item extends NurtureItem> = Omit<Item, 'sealed'> & {
  readonly email: string | null;
  readonly note: string | null;
  readonly personalData: PersonalDataView;
};

/** One lead's sealed values as a reader may see them: `field` is null when masked or erased. */
export interface Opener {
  readonly personalData: PersonalDataView;
  field(sealed: string | null, name: string): string | null;
}

/** Opens a queue item's sealed values with its lead's key; an analyst (`masked`) gets none. */
export async function openerFor(
  personalData: PersonalData,
  leadId: string,
  masked: boolean,
): Promise<Opener> {
  if (masked) return { personalData: 'masked', field: () => null };
  const key = await personalData.openingKey(leadId);
  if (!key) return { personalData: 'erased', field: () => null };
  return {
    personalData: 'shown',
    field: (sealed, name) => {
      const opened = sealed === null ? null : openJson(key, leadId, sealed)[name];
      return typeof opened === 'string' ? opened : null;
    },
  };
}

/** Opens each item's email and note with its lead's key; an analyst (`masked`) gets neither. */
export async function openNurtureItems<Item extends NurtureItem>(
  items: readonly Item[],
  personalData: PersonalData,
  masked: boolean,
): Promise<OpenedNurtureItem<Item>[]> {
  return Promise.all(
    items.map(async ({ sealed, ...item }) => {
      const opener = await openerFor(personalData, item.leadId, masked);
      return {
        ...item,
        email: opener.field(sealed.capture, 'email'),
        note: opener.field(sealed.recycle, 'note'),
        personalData: opener.personalData,
      };
    }),
  );
}
