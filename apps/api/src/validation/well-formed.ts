import type { FieldError } from '../problem/problem-details';

// JSON lets a client escape half of a UTF-16 surrogate pair ("\ud800"), which parses to a string that is not
// Unicode text: validators that encode it throw (a 500), and UTF-8 has no bytes for it, so the store would
// read back U+FFFD replacement characters instead of what was validated and hashed.

/** A lone surrogate: in a `u` regex a well-formed pair is one code point and never matches. */
const loneSurrogate = /\p{Surrogate}/u;

/** `String.prototype.isWellFormed`, which our ES2022 lib target does not declare. */
export function isWellFormed(text: string): boolean {
  return !loneSurrogate.test(text);
}

export const NOT_WELL_FORMED = 'must be well-formed Unicode: it holds a lone UTF-16 surrogate';

/**
 * Every string in a parsed body, query or path (values and keys, at any depth) that is not well-formed,
 * named by its path as class-validator names fields (`utm.source`); a bad key is named by the object
 * holding it, `root` at the top, since the key itself cannot be shown.
 */
export function malformedStrings(value: unknown, root: string, path = ''): FieldError[] {
  if (typeof value === 'string')
    return isWellFormed(value) ? [] : [{ field: path || root, message: NOT_WELL_FORMED }];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    isWellFormed(key)
      ? malformedStrings(child, root, path ? `${path}.${key}` : key)
      : [{ field: path || root, message: 'has a field name that is not well-formed Unicode' }],
  );
}
