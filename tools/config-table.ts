// Rewrites the README's Configuration table from `settings` of @leadger/config, the one place settings are
// declared: `node -r ./tools/register-ts.js tools/config-table.ts` after adding or changing a setting, then
// `npx prettier --write README.md` (test/readme/readme-config.spec.ts fails until the table matches).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { settings, settingType } from '@leadger/config';

const readmePath = resolve(__dirname, '../README.md');
const readme = readFileSync(readmePath, 'utf8');
const section = readme.indexOf('## Configuration');
const start = readme.indexOf('\n| variable ', section) + 1;
const end = readme.indexOf('\n\n', start);
if (section < 0 || start <= 0 || end < 0) throw new Error('README.md: no Configuration table found');

const cell = (value: string) => (value === 'unset' ? 'unset' : `\`${value}\``);
const rows = Object.values(settings).map(
  (s) => `| \`${s.variable}\` | ${settingType(s.parse)} | ${cell(s.default)} | ${s.doc} |`,
);
const table = ['| variable | type | default | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
writeFileSync(readmePath, readme.slice(0, start) + table + readme.slice(end));
