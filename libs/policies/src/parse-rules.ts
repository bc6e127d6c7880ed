import { ConfigError } from '@leadger/config';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { fieldName, problemsOf, ruleMessage } from './rule-problems';
import { rulesSchema, type Rules } from './rules';

// The rules file's text → the rules, validated by the schema, defaults filled in. Every problem names the
// file, the line and the field (`config/policies.yaml:12: sla.hours must be a positive number`), so a bad
// file is refused with what to fix rather than a stack trace. No I/O here: `loadRules` reads the file.

/** A rules file that cannot be used; `problems` holds one `file:line: …` per fault, all of them. */
export class RulesFileError extends ConfigError {
  constructor(
    readonly source: string,
    problems: readonly string[],
  ) {
    super(problems, `invalid policies file ${source}`);
    this.name = 'RulesFileError';
  }
}

export type RulesFormat = 'yaml' | 'json';

/** JSON for a `.json` file, YAML for `.yaml`/`.yml`; any other name is JSON when its text starts with `{`. */
export function formatOf(source: string, text: string): RulesFormat {
  if (/\.json$/i.test(source)) return 'json';
  if (/\.ya?ml$/i.test(source)) return 'yaml';
  return text.trimStart().startsWith('{') ? 'json' : 'yaml';
}

/** The rules a file's text holds (an empty file is today's behaviour), or RulesFileError naming each fault. */
export function parseRules(text: string, source: string): Rules {
  const lines = new LineCounter();
  // JSON is YAML too: the YAML document maps a field to its line whichever format the file is in.
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number) => `${source}:${lines.linePos(offset).line}`;
  let data: unknown;
  if (formatOf(source, text) === 'json') {
    try {
      data = JSON.parse(text);
    } catch (error) {
      const message = (error as Error).message;
      const offset = Number(/at position (\d+)/.exec(message)?.[1] ?? text.length);
      throw new RulesFileError(source, [`${at(offset)}: not valid JSON: ${message}`]);
    }
  } else {
    if (document.errors.length > 0) {
      const problems = document.errors.map((error) => {
        const { col } = lines.linePos(error.pos[0]);
        return `${at(error.pos[0])}: not valid YAML: ${error.message} (column ${col})`;
      });
      throw new RulesFileError(source, problems);
    }
    data = document.toJS() ?? {};
  }
  const parsed = rulesSchema.safeParse(data, { error: ruleMessage });
  if (parsed.success) return parsed.data;
  throw new RulesFileError(
    source,
    problemsOf(parsed.error.issues).map(
      ({ path, message }) => `${at(offsetOf(document, path))}: ${fieldName(path)} ${message}`,
    ),
  );
}

/**
 * Where the field at `path` is written: the offset of its key, or of the nearest enclosing field that is
 * written when it is missing (a required field is reported at the mapping that lacks it).
 */
function offsetOf(document: Document, path: readonly PropertyKey[]): number {
  let node: unknown = document.contents;
  let offset = rangeStart(node) ?? 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => String(isScalar(item.key) ? item.key.value : item.key) === String(key),
      );
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number' && key < node.items.length) {
      node = node.items[key];
      offset = rangeStart(node) ?? offset;
    } else break;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  return (node as { range?: readonly number[] } | null | undefined)?.range?.[0];
}
