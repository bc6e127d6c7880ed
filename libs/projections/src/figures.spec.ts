import { spread } from './figures';

describe('spread', () => {
  it('is empty for no values', () => {
    expect(spread([])).toEqual({ count: 0, meanMs: null, medianMs: null, p90Ms: null });
  });

  it('gives the exact median and the nearest-rank p90, one of the values', () => {
    const values = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(spread(values)).toEqual({ count: 10, meanMs: 5.5, medianMs: 5.5, p90Ms: 9 });
    expect(spread([...values, 100]).p90Ms).toBe(10);
    expect(spread([42]).p90Ms).toBe(42);
  });
});
