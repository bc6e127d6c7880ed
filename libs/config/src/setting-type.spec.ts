import { z } from 'zod';
import { choice, hostPortList, optionalText, redisKeyPrefix, text, url, wholeNumber } from './parsers';
import { settingType } from './setting-type';

describe('settingType, the README’s type column', () => {
  it('gives a whole number’s range', () => {
    expect(settingType(wholeNumber(3000, 0, 65535))).toBe('integer 0–65535');
  });

  it('lists the words a choice takes', () => {
    expect(settingType(choice(['normal', 'full'] as const, 'normal'))).toBe('one of normal, full');
  });

  it('calls a URL a URL and other text text', () => {
    expect(settingType(url(/^rediss?:\/\//, 'redis:// or rediss://'))).toBe('URL');
    expect(settingType(text('data'))).toBe('text');
    expect(settingType(redisKeyPrefix('leadger:'))).toBe('text');
    expect(settingType(optionalText())).toBe('text');
  });

  it('calls a list of host:port pairs so', () => {
    expect(settingType(hostPortList('a:1'))).toBe('host:port list');
  });

  it('refuses a kind of schema it has no words for, rather than guessing', () => {
    expect(() => settingType(z.boolean())).toThrow(/no README type/);
  });
});
