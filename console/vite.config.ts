import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The operator console: built by `npm run build` into dist/console, served by the app at /console.
// Preact through esbuild's JSX transform: no plugin, nothing fetched at run time.
export default defineConfig({
  root: __dirname,
  base: '/console/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { outDir: resolve(__dirname, '../dist/console'), emptyOutDir: true, sourcemap: false },
  logLevel: 'warn',
});
