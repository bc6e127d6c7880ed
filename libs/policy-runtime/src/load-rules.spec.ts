import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from '@leadger/config';
import { loadRules, rulesDigest } from './load-rules';
import { formatOf, parseRules, RulesFileError } from '@leadger/policies';
import { defaultRules } from '@leadger/policies';

const SHIPPED = resolve(__dirname, '../../../config/policies.yaml');

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'leadger-rules-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A rules file of this text in the temp dir; its path. */
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The problems a rules text is refused with. */
function problems(text: string, source = 'config/policies.yaml'): readonly string[] {
  try {
    parseRules(text, source);
  } catch (error) {
    if (error instanceof RulesFileError) return error.problems;
    throw error;
  }
  throw new Error('the rules were accepted');
}

const custom = {
  sla: { hours: 8, maxReassignments: 1 },
  reasons: { reject: ['not_a_fit', 'wrong_region', 'other'] },
  winProbabilities: { prospecting: 0.2, evaluation: 0.5, commitment: 0.9 },
};

describe('loading the rules file', () => {
  it('reads the shipped config/policies.yaml as today’s behaviour, every default spelled out', () => {
    const loaded = loadRules(SHIPPED);
    expect(loaded.rules).toEqual(defaultRules);
    expect(loaded.digest).toBe(rulesDigest(defaultRules));
    expect(loaded.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(loaded.source).toBe(SHIPPED);
  });

  it('takes an empty file as the defaults', () => {
    expect(parseRules('', 'empty.yaml')).toEqual(defaultRules);
    expect(parseRules('# nothing yet\n', 'empty.yaml')).toEqual(defaultRules);
  });

  it('reads YAML and JSON alike: the same rules have the same digest, the rest filled in by default', () => {
    const yaml = loadRules(
      file(
        'rules.yaml',
        [
          'sla:',
          '  hours: 8',
          '  maxReassignments: 1',
          'reasons:',
          '  reject: [not_a_fit, wrong_region, other]',
          'winProbabilities: { prospecting: 0.2, evaluation: 0.5, commitment: 0.9 }',
        ].join('\n'),
      ),
    );
    const json = loadRules(file('rules.json', JSON.stringify(custom, null, 2)));
    expect(yaml.rules).toMatchObject(custom);
    expect(yaml.rules.sla.then).toBe('reject');
    expect(yaml.rules.reasons.lost).toEqual(defaultRules.reasons.lost);
    expect(json.rules).toEqual(yaml.rules);
    expect(json.digest).toBe(yaml.digest);
    expect(json.digest).not.toBe(rulesDigest(defaultRules));
  });

  it('tells JSON from YAML by the name, or by the text when the name says neither', () => {
    expect(formatOf('policies.json', 'sla: {}')).toBe('json');
    expect(formatOf('policies.YML', '{}')).toBe('yaml');
    expect(formatOf('/etc/leadger/policies', '  {"sla": {}}')).toBe('json');
    expect(formatOf('/etc/leadger/policies', 'sla:\n  hours: 8')).toBe('yaml');
    expect(parseRules('{"sla": {"hours": 8}}', '/etc/leadger/policies').sla.hours).toBe(8);
  });

  it('refuses a bad field, naming the file, its line and the field', () => {
    const yaml = [
      '# the SLA',
      'sla:',
      '  hours: -1',
      '  then: later',
      'nurture:',
      '  revisitDays: {timing: 30}',
    ];
    expect(problems(yaml.join('\n'))).toEqual([
      'config/policies.yaml:3: sla.hours must be a positive number',
      'config/policies.yaml:4: sla.then must be one of reject, wait',
      'config/policies.yaml:6: nurture.revisitDays must have a default',
    ]);
    const json = JSON.stringify(
      { mql: { rules: [{ name: 'hot', minScore: 'high', titleMatches: '(' }] } },
      null,
      2,
    );
    expect(problems(json, 'policies.json')).toEqual([
      'policies.json:6: mql.rules[0].minScore must be a number, not "high"',
      'policies.json:7: mql.rules[0].titleMatches must be a valid regular expression',
    ]);
  });

  it('names a missing field at the mapping that lacks it', () => {
    const yaml = [
      'mql:',
      '  rules:',
      '    - name: hot',
      '      companyPresent: true',
      'winProbabilities:',
      '  prospecting: 0.2',
    ];
    expect(problems(yaml.join('\n'))).toEqual([
      'config/policies.yaml:3: mql.rules[0].minScore is required',
      'config/policies.yaml:5: winProbabilities.evaluation is required',
      'config/policies.yaml:5: winProbabilities.commitment is required',
    ]);
  });

  it('refuses an unknown field at its line, listing the known ones', () => {
    expect(problems(['sla:', '  hours: 8', '  hour: 4', 'colour: blue'].join('\n'))).toEqual([
      'config/policies.yaml:3: sla.hour is not a field here (known: hours, segments, maxReassignments, then)',
      'config/policies.yaml:4: colour is not a field here (known: mql, routing, sla, nurture, reasons, winProbabilities, funnelParts, customerNurture)',
    ]);
  });

  it('refuses a YAML syntax error at its line', () => {
    expect(problems(['sla:', '  hours: 8', ' then: wait'].join('\n'))).toEqual([
      'config/policies.yaml:3: not valid YAML: All mapping items must start at the same column (column 1)',
    ]);
    expect(problems('sla:\n  hours: 8\nsla:\n  then: wait\n')).toEqual([
      'config/policies.yaml:3: not valid YAML: Map keys must be unique (column 1)',
    ]);
  });

  it('refuses a JSON syntax error at its line', () => {
    expect(problems('{\n  "sla": {\n    "hours": 8,\n  }\n}', 'policies.json')).toEqual([
      expect.stringMatching(/^policies\.json:4: not valid JSON: /),
    ]);
  });

  it('refuses rules that are not a mapping, and a file that is not there', () => {
    expect(problems('- sla\n')).toEqual([
      'config/policies.yaml:1: (the rules) must be a mapping (field: value), not a list',
    ]);
    const missing = join(dir, 'nowhere.yaml');
    expect(() => loadRules(missing)).toThrow(RulesFileError);
    expect(() => loadRules(missing)).toThrow(`${missing}: cannot be read: there is no such file`);
  });

  it('is a configuration error, whose message holds every problem', () => {
    const error = (() => {
      try {
        parseRules('sla:\n  hours: 0\n  then: later\n', 'config/policies.yaml');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      'invalid policies file config/policies.yaml:\n' +
        '  config/policies.yaml:2: sla.hours must be a positive number\n' +
        '  config/policies.yaml:3: sla.then must be one of reject, wait',
    );
  });
});
