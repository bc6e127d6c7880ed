import { hashTagOf, storeKeyPrefix } from './key-layout';

describe('storeKeyPrefix', () => {
  it('given a plain prefix › then the prefix comes first and again as the hash tag', () => {
    expect(storeKeyPrefix('leadger:')).toBe('leadger:{leadger}:');
    expect(storeKeyPrefix('test:1234:')).toBe('test:1234:{test:1234}:');
    expect(storeKeyPrefix('crm')).toBe('crm{crm}:');
  });

  it('given an empty prefix › then keys still share one tag', () => {
    expect(storeKeyPrefix('')).toBe('{leadger}:');
  });

  it('given a prefix with a hash tag of its own › then it is kept as it is', () => {
    expect(storeKeyPrefix('crm:{eu}:')).toBe('crm:{eu}:');
  });

  it('given braces that make no hash tag › then it refuses the prefix', () => {
    expect(() => storeKeyPrefix('crm:{}:')).toThrow('braces must hold a hash tag');
    expect(() => storeKeyPrefix('crm:}{')).toThrow('braces must hold a hash tag');
    expect(() => storeKeyPrefix('a}b')).toThrow('braces must hold a hash tag');
  });

  it('given any key of a store › then Redis hashes only the tag, whatever follows', () => {
    for (const prefix of ['leadger:', '', 'crm:{eu}:']) {
      const store = storeKeyPrefix(prefix);
      expect(hashTagOf(`${store}funnel:day:2025-03-03`)).not.toBeNull();
      expect(hashTagOf(`${store}funnel:day:2025-03-03`)).toBe(hashTagOf(`${store}checkpoint:funnel`));
    }
  });
});

describe('hashTagOf', () => {
  it('reads the first braces, as Redis Cluster does', () => {
    expect(hashTagOf('a{b}c{d}')).toBe('b');
    expect(hashTagOf('a{}b{c}')).toBeNull();
    expect(hashTagOf('a{b')).toBeNull();
    expect(hashTagOf('ab')).toBeNull();
  });
});
