import { logLevelIn } from './log-level';

describe('logLevelIn: LOG_LEVEL for the lines written before the configuration is read', () => {
  it.each([
    [undefined, 'info'],
    ['warn', 'warn'],
    [' DEBUG ', 'debug'],
    ['loud', 'info'], // not a level: loadConfig refuses it next, and that refusal must be shown
  ])('LOG_LEVEL=%j is %s', (given, level) => {
    expect(logLevelIn({ LOG_LEVEL: given })).toBe(level);
  });
});
