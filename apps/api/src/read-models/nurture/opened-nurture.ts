import { openJson, type PersonalData, type PersonalDataView } from '@leadger/lead-application';
import type { NurtureItem } from '@leadger/projections';

/** A nurture item as the API shows it: its sealed personal data opened, or masked, or gone. */
export type OpenedNurtureItem<Item extends NurtureItem> = Omit<Item, 'sealed'> & {
  readonly email: string | null;
  readonly note: string | null;
  readonly personalData: PersonalDataView;
};

/** Opens each item's email and note with its lead's key; an analyst (`masked`) gets neither. */
export async function openNurtureItems<Item extends NurtureItem>(
  items: readonly Item[],
  personalData: PersonalData,
  masked: boolean,
): Promise<OpenedNurtureItem<Item>[]> {
  return Promise.all(
    items.map(async ({ sealed, ...item }) => {
      if (masked) return { ...item, email: null, note: null, personalData: 'masked' as const };
      const key = await personalData.openingKey(item.leadId);
      if (!key) return { ...item, email: null, note: null, personalData: 'erased' as const };
      const field = (value: string | null, name: string) => {
        const opened = value === null ? null : openJson(key, item.leadId, value)[name];
        return typeof opened === 'string' ? opened : null;
      };
      return {
        ...item,
        email: field(sealed.capture, 'email'),
        note: field(sealed.recycle, 'note'),
        personalData: 'shown' as const,
      };
    }),
  );
}
