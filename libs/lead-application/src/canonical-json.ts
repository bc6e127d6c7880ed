import type { Json } from '@leadger/event-store';

/** Text JSON.stringify would write unchanged between quotes: no quote, backslash, control or surrogate. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** JSON with object keys sorted at every level, so equal values always hash the same. */
export function canonicalJson(value: Json): string {
  // Every appended event is hashed through here: plain loops, and strings that need no escaping (ids,
  // times, most text) skip JSON.stringify. The output is byte for byte what JSON.stringify would give.
  if (typeof value === 'string') return quote(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item: Json) => canonicalJson(item)).join(',')}]`;
  const object = value as { readonly [key: string]: Json };
  // The default sort is code-unit order, the same as comparing keys with `<`.
  const keys = Object.keys(object).sort();
  let out = '';
  for (const key of keys) {
    const item = object[key];
    if (item === undefined) continue;
    out += `${out === '' ? '' : ','}${quote(key)}:${canonicalJson(item)}`;
  }
  return `{${out}}`;
}

function quote(text: string): string {
  return PLAIN.test(text) ? `"${text}"` : JSON.stringify(text);
}
