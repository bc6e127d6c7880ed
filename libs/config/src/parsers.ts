import { z } from 'zod';

// How one environment variable's text becomes a setting's value: a zod schema from the raw text
// (`undefined` when the variable is unset) to the value. Each check's message reads after the variable's
// name ("must be …"); `loadConfig` puts the name in front and what was set after it, and collects every bad
// variable before it fails. Blank counts as unset everywhere but in `redisKeyPrefix` (an empty Redis key
// prefix is a real choice). The README's type column is read from these schemas (`settingType`).

/** A setting's schema: reads the variable's text, or `undefined` when unset, into the setting's value. */
export type SettingSchema<T = unknown> = z.ZodType<T>;

/** The trimmed text, or `undefined` when unset or blank. */
const given = (raw: unknown): unknown => (typeof raw === 'string' ? raw.trim() || undefined : raw);

/** A whole number from `min` to `max`. */
export const wholeNumber = (fallback: number, min: number, max: number): SettingSchema<number> => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.preprocess(
    given,
    z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).default(fallback),
  );
};

/** A whole number from `min` to `max`, or `undefined` when unset or blank: the setting is off. */
export const optionalWholeNumber = (min: number, max: number): SettingSchema<number | undefined> => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.preprocess(
    given,
    z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).optional(),
  );
};

/** One of a few words, in any case. */
export const choice = <T extends string>(allowed: readonly T[], fallback: T): SettingSchema<T> =>
  z.preprocess(
    (raw) => {
      const value = given(raw);
      return typeof value === 'string' ? value.toLowerCase() : value;
    },
    z.enum(allowed, { error: `must be one of ${allowed.join(', ')}` }).default(fallback),
  );

/** Trimmed text, or `fallback` when unset or blank. */
export const text = (fallback: string): SettingSchema<string> =>
  z.preprocess(given, z.string().default(fallback));

/** Trimmed text, or `undefined` when unset or blank: the setting is off. */
export const optionalText = (): SettingSchema<string | undefined> =>
  z.preprocess(given, z.string().optional());

/** A URL whose scheme matches `scheme`; unset stays unset (the embedded store is the default). */
export const url = (scheme: RegExp, expected: string): SettingSchema<string | undefined> =>
  z.preprocess(
    given,
    // Only the scheme is checked, not the rest: `esdb://a:2113,b:2113` (a cluster) is no WHATWG URL.
    z
      .string()
      .regex(scheme, { error: `must start with ${expected}` })
      .meta({ format: 'uri' })
      .optional(),
  );

/** `host:port` with a port from 1 to 65535; the host may be a name, an IPv4 or a bracketed IPv6 address. */
const HOST_PORT = /^(?:[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/;

const isHostPort = (entry: string): boolean => {
  const port = HOST_PORT.exec(entry)?.[1];
  return port !== undefined && Number(port) >= 1 && Number(port) <= 65535;
};

/** `host:port` pairs separated by commas, kept as set; unset stays unset. */
export const hostPortList = (example: string): SettingSchema<string | undefined> =>
  z.preprocess(
    given,
    z
      .string()
      .refine((list) => list.split(',').every((entry) => isHostPort(entry.trim())), {
        error: `must be host:port pairs separated by commas (${example})`,
      })
      .meta({ format: 'host-port-list' })
      .optional(),
  );

/**
 * A Redis key prefix, exactly as set (blank is a choice): braces only as a hash tag, non-empty, the way Redis
 * Cluster reads the first `{…}` of a key; the read store puts one of its own after a prefix without braces.
 */
export const redisKeyPrefix = (fallback: string): SettingSchema<string> =>
  z
    .string()
    .refine((prefix) => !/[{}]/.test(prefix) || /^[^{]*\{[^}]+\}/.test(prefix), {
      error: 'must have braces only around a hash tag, as in crm:{eu}:',
    })
    .default(fallback);

/** One of a few words, in any case, or `undefined` when unset or blank: another setting decides. */
export const optionalChoice = <T extends string>(allowed: readonly T[]): SettingSchema<T | undefined> =>
  z.preprocess(
    (raw) => {
      const value = given(raw);
      return typeof value === 'string' ? value.toLowerCase() : value;
    },
    z.enum(allowed, { error: `must be one of ${allowed.join(', ')}` }).optional(),
  );

/** Trimmed text that matches `pattern` (described by `expected`), or `fallback` when unset or blank. */
export const matching = (pattern: RegExp, expected: string, fallback: string): SettingSchema<string> =>
  z.preprocess(
    given,
    z
      .string()
      .regex(pattern, { error: `must be ${expected}` })
      .default(fallback),
  );
