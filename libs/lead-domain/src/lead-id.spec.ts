import { validate, version } from 'uuid';
import { LEAD_ID_NAMESPACE, leadIdFor, normalizeEmail } from './lead-id';

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Ann@Example.COM \n')).toBe('ann@example.com');
  });
});

describe('leadIdFor', () => {
  it('gives one id for every spelling of one email', () => {
    expect(leadIdFor(' Ann@Example.COM ')).toBe(leadIdFor('ann@example.com'));
  });

  it('gives a valid version 5 UUID', () => {
    const id = leadIdFor('ann@example.com');
    expect(validate(id)).toBe(true);
    expect(version(id)).toBe(5);
  });

  it('gives different ids to different emails', () => {
    expect(leadIdFor('ann@example.com')).not.toBe(leadIdFor('bob@example.com'));
  });

  it('is stable: the namespace and the derivation never change', () => {
    expect(LEAD_ID_NAMESPACE).toBe('4e384527-2e72-44ec-8d98-cccd77c59db1');
    expect(leadIdFor('ann@example.com')).toBe('bc20250e-91a0-5325-a9c6-9d71f3d8bc78');
  });
});
