import { createHash, randomBytes } from 'node:crypto';
import { apiKeyMatches, hashApiKey, isApiKeyToken, keyIdOf, newApiKey } from './api-key-token';

const secret = randomBytes(32);

describe('API key tokens', () => {
  it('are random, name their key id, and look like ours', () => {
    const [a, b] = [newApiKey(), newApiKey()];
    expect(a.token).not.toBe(b.token);
    expect(keyIdOf(a.token)).toBe(a.keyId);
    expect(isApiKeyToken(a.token)).toBe(true);
    expect(keyIdOf('eyJhbGciOiJSUzI1NiJ9.e30.sig')).toBeNull();
  });

  it('match only their own stored hash, which is not a plain digest of the token', () => {
    const { token } = newApiKey();
    const hash = hashApiKey(secret, token);
    expect(apiKeyMatches(secret, token, hash)).toBe(true);
    expect(apiKeyMatches(secret, newApiKey().token, hash)).toBe(false);
    expect(apiKeyMatches(randomBytes(32), token, hash)).toBe(false);
    expect(hash).not.toBe(createHash('sha256').update(token).digest('hex'));
  });

  it('refuses a token whose shape is off', () => {
    const { token } = newApiKey();
    expect(keyIdOf(`${token}x`)).toBeNull();
    expect(keyIdOf(token.replace('lgr_', 'lgx_'))).toBeNull();
  });
});
