// `prepare` (run by `npm ci`): builds the dashboard, so a fresh clone's two commands leave it ready. A Docker
// layer that installs from the manifests alone has no sources yet: it skips here and builds the dashboard
// once they are copied in (docker/Dockerfile).
const { execSync } = require('child_process');
const { existsSync } = require('fs');
const path = require('path');

if (!existsSync(path.join(process.cwd(), 'apps', 'dashboard', 'vite.config.ts'))) {
  console.log('dashboard: no sources here yet (a manifests-only install); not built');
  process.exit(0);
}
execSync('npm run build:dashboard', { stdio: 'inherit' });
