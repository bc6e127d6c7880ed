import { defineConfig } from 'vite';

// Preact's JSX through Vite's own transform (no Babel preset): the automatic runtime from `preact`.
// The page is served by the API under /app/, so asset URLs are relative to it.
export default defineConfig({
  root: __dirname,
  base: '/app/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: '../../dist-dashboard',
    emptyOutDir: true,
    // Helmet's CSP allows scripts from 'self' only: no inline module-preload polyfill.
    modulePreload: { polyfill: false },
    // The budget that matters is gzip (tools/dashboard-size.js checks it); ECharts alone is ~500 KB raw.
    chunkSizeWarningLimit: 700,
  },
});
