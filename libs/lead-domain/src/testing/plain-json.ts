/**
 * True when `value` survives JSON unchanged: null, booleans, finite numbers, strings, arrays and plain
 * objects of those. `undefined` anywhere (even as an object value) counts as not plain.
 */
export function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value).every(isPlainJson);
  }
  return false;
}
