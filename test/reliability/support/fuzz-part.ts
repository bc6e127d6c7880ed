import fc from 'fast-check';

/** A part of a generated request, with what was broken in it (nothing when it is valid). */
export interface Part<T> {
  readonly value: T;
  readonly broken: readonly string[];
}

export const ok = <T>(value: T): Part<T> => ({ value, broken: [] });
export const bad =
  (label: string) =>
  <T>(value: T): Part<T> => ({ value, broken: [label] });
export const weighted = <T>(...options: [number, fc.Arbitrary<T>][]) =>
  fc.oneof(...options.map(([weight, arbitrary]) => ({ weight, arbitrary })));
