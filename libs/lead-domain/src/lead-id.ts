/**
 * The form of an email that identifies a person: trimmed and lower-cased. Two spellings of one address
 * are one lead; the application finds the lead of an address through a keyed blind index of this form.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
