import type { ProjectedEvent } from './projection';

/**
 * The event's sealed personal fields, as the log holds them (`personal`), or null. Projections copy them
 * untouched where a read model shows personal data; only the API, with the lead's key, can open them.
 */
export function sealedOf(event: ProjectedEvent): string | null {
  const sealed = (event.data as { readonly personal?: unknown }).personal;
  return typeof sealed === 'string' ? sealed : null;
}
