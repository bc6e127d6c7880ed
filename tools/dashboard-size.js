// `npm run build:dashboard` ends here: the first load's JavaScript, gzipped as a browser receives it, summed
// over the built files, printed, and held under the budget (the 300 KB) so a heavy import fails the
// build rather than slipping into a release.
const { readdirSync, readFileSync } = require('fs');
const path = require('path');
const { gzipSync } = require('zlib');

const BUDGET_KB = 300;
const assets = path.join(process.cwd(), 'dist-dashboard', 'assets');

const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
const bytes = scripts.reduce(
  (sum, name) => sum + gzipSync(readFileSync(path.join(assets, name)), { level: 9 }).length,
  0,
);
const kb = (bytes / 1024).toFixed(1);
console.log(`dashboard: ${scripts.length} JavaScript file(s), ${kb} KB gzipped (budget ${BUDGET_KB} KB)`);
if (bytes > BUDGET_KB * 1024) {
  console.error(`dashboard: over the ${BUDGET_KB} KB budget`);
  process.exit(1);
}
