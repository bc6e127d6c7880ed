// How one environment variable's text becomes a setting's value. A parser gets the raw text (`undefined`
// when the variable is unset) and returns the value, or throws `Invalid` saying what is expected;
// `loadConfig` puts the variable's name in front and collects every problem before it fails. Blank counts
// as unset everywhere but in `text(…, { keepBlank })` (an empty Redis key prefix is a real choice).

/** What a parser throws: the message reads after the variable's name ("must be …, got …"). */
export class Invalid extends Error {}

export type Parser<T> = (raw: string | undefined) => T;

/** The trimmed text, or `undefined` when unset or blank. */
const given = (raw: string | undefined): string | undefined => raw?.trim() || undefined;

/** A whole number from `min` to `max`. */
export const wholeNumber =
  (fallback: number, min: number, max: number): Parser<number> =>
  (raw) => {
    const text = given(raw);
    const value = text === undefined ? fallback : Number(text);
    if (!Number.isSafeInteger(value) || value < min || value > max)
      throw new Invalid(`must be a whole number from ${min} to ${max}, got "${raw}"`);
    return value;
  };

/** One of a few words, in any case. */
export const choice =
  <T extends string>(allowed: readonly T[], fallback: T): Parser<T> =>
  (raw) => {
    const value = (given(raw) ?? fallback).toLowerCase();
    const known = allowed.find((option) => option === value);
    if (!known) throw new Invalid(`must be one of ${allowed.join(', ')}, got "${value}"`);
    return known;
  };

/** Trimmed text, or `fallback` when unset or blank; with `keepBlank`, exactly what was set. */
export const text =
  (fallback: string, options: { readonly keepBlank?: boolean } = {}): Parser<string> =>
  (raw) =>
    options.keepBlank ? (raw ?? fallback) : (given(raw) ?? fallback);

/** Trimmed text, or `undefined` when unset or blank: the setting is off. */
export const optionalText = (): Parser<string | undefined> => given;

/** A URL whose scheme matches `scheme`; unset stays unset (the embedded store is the default). */
export const url =
  (scheme: RegExp, expected: string): Parser<string | undefined> =>
  (raw) => {
    const value = given(raw);
    if (value !== undefined && !scheme.test(value))
      throw new Invalid(`must start with ${expected}, got "${value}"`);
    return value;
  };
