import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { settings } from '@leadger/config';

// The README's Configuration table against the one place settings are declared: every variable, in the
// same order, with the same default.

const README = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');

function tableRows(): { variable: string; default: string }[] {
  const section = README.slice(README.indexOf('## Configuration'), README.indexOf('## HTTP API'));
  return section
    .split('\n')
    .filter((line) => /^\| `[A-Z_]+`/.test(line))
    .map((line) => {
      const [variable, fallback] = line
        .split('|')
        .slice(1, 3)
        .map((cell) => cell.trim().replace(/`/g, ''));
      return { variable, default: fallback };
    });
}

describe('the README’s Configuration table', () => {
  it('lists every setting, in the declared order, with its default', () => {
    const declared = Object.values(settings).map((s) => ({ variable: s.variable, default: s.default }));
    expect(tableRows()).toEqual(declared);
  });
});
