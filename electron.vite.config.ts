import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build for three runtimes: the Electron main process, the plain-Node browser mode and the
// standalone sandbox share `out/main` (they are the same core), the preload is one CJS file with
// every dependency inlined (a sandboxed preload cannot require), the renderer is a static bundle.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Browser mode runs on the operator's Node (>= 22.19), not only on Electron's.
      target: 'node22',
      sourcemap: false,
      rolldownOptions: {
        input: {
          index: resolve(import.meta.dirname, 'main/index.ts'),
          browser: resolve(import.meta.dirname, 'main/browser.ts'),
          sandbox: resolve(import.meta.dirname, 'main/sandbox/cli.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      sourcemap: false,
      rolldownOptions: {
        input: { preload: resolve(import.meta.dirname, 'main/preload.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      sourcemap: false,
      // electron-vite leaves minification off by default; the renderer has a 150 KB gzip budget.
      minify: true,
      rolldownOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') },
    },
  },
});
