import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// The README's runnable examples: each fenced bash block that follows a `<!-- readme-test: <kind> -->`
// comment, in the order the README gives them, so a test can run them as a newcomer would paste them.

const README = resolve(__dirname, '../../README.md');
const marked = /<!-- readme-test: (\w+) -->\s*\n```bash\n([\s\S]*?)```/g;

/** The bash blocks marked with `kind`, in README order. */
export function readmeSnippets(kind: string): string[] {
  const text = readFileSync(README, 'utf8');
  return [...text.matchAll(marked)].filter(([, found]) => found === kind).map(([, , body]) => body);
}

/** One curl call as the run logged it: its arguments and what the server answered. */
export interface CurlCall {
  readonly args: string;
  readonly body: string;
}

const CALL_MARK = '>>> curl ';

/**
 * A prelude for the snippets: `curl` fails on an HTTP error (so a 409 stops the run, also inside `$(…)`) and logs
 * every call with its answer to `$README_CURL_LOG`, for the test to read.
 */
export const curlPrelude = `
set -euo pipefail
shopt -s inherit_errexit
curl() {
  printf '%s%s\\n' '${CALL_MARK}' "$*" >> "$README_CURL_LOG"
  local status=0
  command curl --fail-with-body "$@" | tee -a "$README_CURL_LOG" || status=$?
  printf '\\n' >> "$README_CURL_LOG"
  return "$status"
}
`;

/** The calls of a run, from its curl log. */
export function curlCalls(log: string): CurlCall[] {
  return log
    .split(`\n${CALL_MARK}`)
    .map((part, index) => (index === 0 ? part.replace(CALL_MARK, '') : part))
    .filter((part) => part.trim().length > 0)
    .map((part) => {
      const newline = part.indexOf('\n');
      return { args: part.slice(0, newline), body: part.slice(newline + 1).trim() };
    });
}
