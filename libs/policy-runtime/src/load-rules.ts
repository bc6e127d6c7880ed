import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Json } from '@leadger/event-store';
import { canonicalJson } from '@leadger/lead-application';
import { parseRules, RulesFileError } from '@leadger/policies';
import type { Rules } from '@leadger/policies';

// The one place the rules file is read (I/O, apart from the pure deciders): LEADGER_POLICIES names it,
// `config/policies.yaml` by default.

/** The rules of a file, validated, and their version. */
export interface LoadedRules {
  readonly rules: Rules;
  /** SHA-256 (hex) of the rules' canonical JSON, defaults filled in: equal rules, equal digest, however written. */
  readonly digest: string;
  /** The file they were read from, as named. */
  readonly source: string;
}

/** Reads and validates the rules file; RulesFileError (a ConfigError) naming each bad line and field. */
export function loadRules(file: string): LoadedRules {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : String(error);
    throw new RulesFileError(file, [
      `${file}: cannot be read: ${reason} (LEADGER_POLICIES names the rules file)`,
    ]);
  }
  const rules = parseRules(text, file);
  return { rules, digest: rulesDigest(rules), source: file };
}

/** The version of a set of rules: SHA-256 of their canonical JSON (keys sorted at every level). */
export function rulesDigest(rules: Rules): string {
  return createHash('sha256')
    .update(canonicalJson(rules as unknown as Json))
    .digest('hex');
}
