import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { settings, settingType } from '@leadger/config';

// The README's Configuration table against the one place settings are declared: every variable, in the
// same order, with the type its schema accepts, its default and its line of doc
// (`node -r ./tools/register-ts.js tools/config-table.ts` rewrites the table).

const README = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');

interface Row {
  readonly variable: string;
  readonly type: string;
  readonly default: string;
  readonly doc: string;
}

/** Backticks are how the table shows code, not part of the value. */
const plain = (text: string) => text.trim().replace(/`/g, '');

function tableRows(): Row[] {
  const section = README.slice(README.indexOf('## Configuration'), README.indexOf('## HTTP API'));
  return section
    .split('\n')
    .filter((line) => /^\| `[A-Z_]+`/.test(line))
    .map((line) => {
      const [variable, type, fallback, doc] = line.split('|').slice(1, 5).map(plain);
      return { variable, type, default: fallback, doc };
    });
}

describe('the README’s Configuration table', () => {
  it('lists every setting, in the declared order, with its type, default and doc', () => {
    const declared = Object.values(settings).map((s) => ({
      variable: s.variable,
      type: settingType(s.parse),
      default: s.default,
      doc: plain(s.doc),
    }));
    expect(tableRows()).toEqual(declared);
  });
});
