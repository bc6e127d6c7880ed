import { normalizeEmail } from './lead-id';

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Ann@Example.COM \n')).toBe('ann@example.com');
  });
});
