import { knownVariables, settings } from './leadger-config';
import { unknownVariableWarnings } from './unknown-variables';

describe('unknownVariableWarnings', () => {
  it('names a misspelt LEADGER_ variable and the known one it is closest to', () => {
    expect(unknownVariableWarnings({ LEADGER_DATADIR: '/srv/leadger' })).toEqual([
      'unknown variable LEADGER_DATADIR; did you mean LEADGER_DATA_DIR?',
    ]);
    expect(unknownVariableWarnings({ LEADGER_PROJECTOR_LEASE: '3000', LEADGER_REDIS_PREFX: 'x:' })).toEqual([
      'unknown variable LEADGER_PROJECTOR_LEASE; did you mean LEADGER_PROJECTOR_LEASE_MS?',
      'unknown variable LEADGER_REDIS_PREFX; did you mean LEADGER_REDIS_PREFIX?',
    ]);
  });

  it('names an unknown LEADGER_ variable with no close match without guessing', () => {
    expect(unknownVariableWarnings({ LEADGER_TURBO: '1' })).toEqual([
      'unknown variable LEADGER_TURBO; it is not a Leadger setting (see the README, Configuration)',
    ]);
  });

  it('says where a variable that moved to the policies file went', () => {
    expect(
      unknownVariableWarnings({ LEADGER_HANDOFF_SLA_HOURS: '8', LEADGER_REVISIT_DAYS: 'default=30' }),
    ).toEqual([
      'LEADGER_HANDOFF_SLA_HOURS is no longer read: it moved to the policies file as sla.hours (LEADGER_POLICIES, default config/policies.yaml)',
      'LEADGER_REVISIT_DAYS is no longer read: it moved to the policies file as nurture.revisitDays (LEADGER_POLICIES, default config/policies.yaml)',
    ]);
  });

  it('says nothing of known variables, of other programs’ variables, or of an empty environment', () => {
    expect(unknownVariableWarnings({})).toEqual([]);
    expect(
      unknownVariableWarnings({ LEADGER_DATA_DIR: 'x', PORT: '1', HOME: '/root', PATH: '/bin' }),
    ).toEqual([]);
  });

  it('knows every variable a setting is declared with, and nothing else', () => {
    expect(knownVariables).toEqual(Object.values(settings).map((setting) => setting.variable));
    expect(knownVariables).toContain('LEADGER_DATA_DIR');
    expect(knownVariables).toContain('REDIS_URL');
    expect(new Set(knownVariables).size).toBe(knownVariables.length);
  });
});
