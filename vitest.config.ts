import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Unit and contract tests run on plain Node. `electron` is aliased to a fake (the binary cannot be
// downloaded on our machines), and electron-store is inlined so it resolves the fake too.
export default defineConfig({
  resolve: {
    alias: { electron: resolve(import.meta.dirname, 'test/fakes/electron.ts') },
  },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/contract/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    server: { deps: { inline: ['electron-store'] } },
  },
});
