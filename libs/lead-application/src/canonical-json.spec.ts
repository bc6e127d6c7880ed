import fc from 'fast-check';
import type { Json } from '@leadger/event-store';
import { canonicalJson } from './canonical-json';

// Every event hash goes through canonicalJson: it must write exactly what JSON.stringify writes, with keys
// sorted, or stored hashes stop matching.

/** The reference: the plain recursive writer, JSON.stringify for every leaf and key, keys sorted. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).filter((key) => object[key] !== undefined);
  return `{${keys
    .sort()
    .map((key) => `${JSON.stringify(key)}:${reference(object[key])}`)
    .join(',')}}`;
}

describe('canonicalJson', () => {
  it('writes any string exactly as JSON.stringify does, lone surrogates and control characters included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(canonicalJson(text)).toBe(JSON.stringify(text));
        expect(canonicalJson({ [text]: text })).toBe(JSON.stringify({ [text]: text }));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes any JSON value as the plain writer does, keys sorted by code unit', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value as Json)).toBe(reference(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves out undefined fields and does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: undefined, c: { z: 'é', y: '"q"' } } as unknown as Json)).toBe(
      '{"b":1,"c":{"y":"\\"q\\"","z":"é"}}',
    );
    expect(canonicalJson({ y: 1, x: [2, { b: 0, a: null }] })).toBe(
      canonicalJson({ x: [2, { a: null, b: 0 }], y: 1 }),
    );
  });
});
