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
});
