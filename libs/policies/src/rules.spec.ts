import { defaultRules, rulesSchema } from './rules';

describe('the rules schema', () => {
  it('gives today’s behaviour for an empty document', () => {
    expect(defaultRules).toMatchObject({
      mql: { rules: [] },
      sla: { hours: 24, maxReassignments: 2, then: 'reject' },
      nurture: { revisitDays: { timing: 90, pricing: 180, competitor: 365, default: 90 }, onDue: 'claim' },
      winProbabilities: { prospecting: 0.1, evaluation: 0.4, commitment: 0.75 },
    });
    expect(defaultRules.reasons.reject).toContain('sla_breach');
    expect(defaultRules.funnelParts.map((part) => [part.name, part.stages])).toEqual([
      ['ToFu', ['suspect', 'lead']],
      ['MoFu', ['mql', 'sal']],
      ['BoFu', ['sql']],
      ['customers', ['won']],
    ]);
  });

  it('refuses unknown fields, bad numbers and bad patterns, naming where', () => {
    const result = rulesSchema.safeParse({
      mql: { rules: [{ name: 'x', minScore: 'high', titleMatches: '(' }] },
      sla: { hours: -1, colour: 'blue' },
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['mql.rules.0.minScore', 'mql.rules.0.titleMatches', 'sla.hours', 'sla']),
    );
  });

  it('refuses revisit days without a default', () => {
    expect(rulesSchema.safeParse({ nurture: { revisitDays: { timing: 30 } } }).success).toBe(false);
  });

  it('refuses funnel parts that share a stage, repeat a name or name a stage outside the funnel', () => {
    const parts = (...list: unknown[]) => rulesSchema.safeParse({ funnelParts: list }).success;
    const part = (name: string, ...stages: string[]) => ({ name, team: 'sales', stages });
    expect(parts(part('early', 'lead', 'mql'), part('late', 'sal', 'sql', 'won'))).toBe(true);
    expect(parts(part('a', 'sql'), part('b', 'evaluation'))).toBe(false);
    expect(parts(part('a', 'lead'), part('a', 'mql'))).toBe(false);
    expect(parts(part('a', 'nurture'))).toBe(false);
    expect(parts()).toBe(false);
  });
});
