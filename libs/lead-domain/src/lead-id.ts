import { v5 as uuidv5 } from 'uuid';

/**
 * Fixed namespace of lead ids. Changing it would give every email a new lead id, splitting each lead's
 * history across two streams: never change it.
 */
export const LEAD_ID_NAMESPACE = '4e384527-2e72-44ec-8d98-cccd77c59db1';

/** The form of an email that identifies a lead: trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The lead id of an email: a UUID v5 of its normalized form. Two concurrent captures of one email meet on
 * one stream, where the store's expected-revision check lets only one create it.
 */
export function leadIdFor(email: string): string {
  return uuidv5(normalizeEmail(email), LEAD_ID_NAMESPACE);
}
