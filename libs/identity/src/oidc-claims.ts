import { roles, type Role } from './roles';

// Reading a principal out of a verified token's claims. Providers put roles in different places (Keycloak
// `realm_access.roles`, Auth0 a namespaced `https://example.com/roles`, Azure AD `roles`, some a `scope`-like
// string), so a claim is named by a path, and its value may be a list or a string.

/**
 * The value of claim `name`: the top-level claim of that exact name when there is one (names such as
 * `https://example.com/roles` hold dots), else the dotted path `realm_access.roles` walked through objects.
 */
export function claimAt(claims: Readonly<Record<string, unknown>>, name: string): unknown {
  if (Object.hasOwn(claims, name)) return claims[name];
  let value: unknown = claims;
  for (const step of name.split('.')) {
    if (!isRecord(value) || !Object.hasOwn(value, step)) return undefined;
    value = value[step];
  }
  return value;
}

/**
 * The known roles in a roles claim: a list of strings, or one string of names separated by spaces or commas.
 * Anything else, and every name that is not a role (another application's, a typo), is ignored: a token
 * with no known role still names its caller, who is then refused what needs a role (403, not 401).
 */
export function rolesIn(value: unknown): Role[] {
  const names = typeof value === 'string' ? value.split(/[\s,]+/) : Array.isArray(value) ? value : [];
  return roles.filter((role) => names.includes(role));
}

/** The principal's id from the id claim's value, or null unless it is a non-blank string. */
export function idIn(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
