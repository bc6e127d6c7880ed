import type { z } from 'zod';

// What is wrong with a field of the rules file, in the words an operator reads after its path:
// `sla.hours must be a positive number`, `sla.colour is not a field here (known: hours, segments, …)`.

type Issue = z.core.$ZodRawIssue;

/** A field of the rules file and what is wrong with it. */
export interface RuleProblem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** `mql.rules[0].minScore`; the whole document is `(the rules)`. */
export function fieldName(path: readonly PropertyKey[]): string {
  const name = path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
  return name || '(the rules)';
}

/** Zod's error map for the rules: messages that say what a value must be, not how the schema saw it. */
export function ruleMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? 'is required'
        : `must be ${kind(issue.expected)}, not ${typeOf(issue.input)}`;
    case 'too_small':
      return tooSmall(issue.origin, Number(issue.minimum), issue.inclusive !== false);
    case 'too_big':
      if (issue.origin === 'array') return `must list at most ${issue.maximum}`;
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      return `must be ${issue.maximum} or less`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys': {
      const known = Object.keys((issue.inst as unknown as { shape?: object } | undefined)?.shape ?? {});
      return `is not a field here${known.length > 0 ? ` (known: ${known.join(', ')})` : ''}`;
    }
    case 'invalid_key':
      return 'needs a name that is not empty';
    default:
      return undefined;
  }
}

/** Zod's issues as problems, one per field: an issue naming several unknown fields becomes one per field. */
export function problemsOf(issues: readonly z.core.$ZodIssue[]): RuleProblem[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...issue.path, key], message: issue.message }))
      : [{ path: issue.path, message: issue.message }],
  );
}

function tooSmall(origin: string, minimum: number, inclusive: boolean): string {
  if (origin === 'array') return `must list at least ${minimum}`;
  if (origin === 'string')
    return minimum <= 1 ? 'must not be empty' : `must be at least ${minimum} characters`;
  if (minimum === 0 && !inclusive) return 'must be a positive number';
  return inclusive ? `must be ${minimum} or more` : `must be more than ${minimum}`;
}

function kind(expected: string): string {
  const words: Record<string, string> = {
    int: 'a whole number',
    number: 'a number',
    string: 'text',
    boolean: 'true or false',
    object: 'a mapping (field: value)',
    array: 'a list',
    record: 'a mapping (name: value)',
  };
  return words[expected] ?? expected;
}

function typeOf(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}
