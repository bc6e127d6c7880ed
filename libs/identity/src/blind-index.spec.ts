import { createHash, randomBytes } from 'node:crypto';
import { emailIndex } from './blind-index';
import { deriveKey } from './secrets';

const master = randomBytes(32);
const key = deriveKey(master, 'blind-index');

describe('emailIndex', () => {
  it('is the same every time for one address', () => {
    expect(emailIndex(key, 'ann.lee@example.com')).toBe(emailIndex(key, 'ann.lee@example.com'));
  });

  it('differs between addresses and between deployments', () => {
    expect(emailIndex(key, 'ann@example.com')).not.toBe(emailIndex(key, 'bob@example.com'));
    const elsewhere = deriveKey(randomBytes(32), 'blind-index');
    expect(emailIndex(elsewhere, 'ann@example.com')).not.toBe(emailIndex(key, 'ann@example.com'));
  });

  it('does not contain the address, and is not the plain SHA-256 of it', () => {
    const index = emailIndex(key, 'ann@example.com');
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(index).not.toBe(createHash('sha256').update('ann@example.com').digest('hex'));
  });
});

describe('deriveKey', () => {
  it('gives each purpose its own key from one master key', () => {
    const keys = (['blind-index', 'api-keys', 'lead-key-wrapping'] as const).map((p) =>
      deriveKey(master, p).toString('hex'),
    );
    expect(new Set(keys).size).toBe(3);
    expect(deriveKey(master, 'api-keys')).toEqual(deriveKey(master, 'api-keys'));
  });
});
