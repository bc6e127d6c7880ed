import { randomBytes } from 'node:crypto';
import { open, seal, SealedValueError } from './sealed';

const key = randomBytes(32);
const plain = Buffer.from('{"email":"ann@example.com"}');

describe('seal and open', () => {
  it('opens what it sealed, with the same key and context', () => {
    expect(open(key, 'lead-1', seal(key, 'lead-1', plain))).toEqual(plain);
  });

  it('gives a new ciphertext each time, and none that shows the plain text', () => {
    const [a, b] = [seal(key, 'lead-1', plain), seal(key, 'lead-1', plain)];
    expect(a).not.toBe(b);
    expect(Buffer.from(a.slice(3), 'base64url').includes(plain)).toBe(false);
  });

  it('refuses another key, another context, an altered byte, and a malformed value', () => {
    const sealed = seal(key, 'lead-1', plain);
    const bytes = Buffer.from(sealed.slice(3), 'base64url');
    bytes[20] ^= 1;
    for (const attempt of [
      () => open(randomBytes(32), 'lead-1', sealed),
      () => open(key, 'lead-2', sealed),
      () => open(key, 'lead-1', `v1.${bytes.toString('base64url')}`),
      () => open(key, 'lead-1', 'v2.abc'),
      () => open(key, 'lead-1', 'v1.abc'),
    ])
      expect(attempt).toThrow(SealedValueError);
  });

  it('takes only AES-256 keys', () => {
    expect(() => seal(randomBytes(16), 'x', plain)).toThrow(RangeError);
  });
});
