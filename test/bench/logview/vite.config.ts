import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The comparison page only: our log view and @melloware/react-logviewer side by side in one
// bundle that never reaches the app (the app's renderer build has its own root and entry).
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: resolve(import.meta.dirname, '../../../test-results/bench-logview'),
    emptyOutDir: true,
    sourcemap: false,
  },
});
