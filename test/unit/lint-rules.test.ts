import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The layer rules of docs/architecture.md, enforced by lint: these snippets must fail (or pass)
// under the project's real eslint.config.js. Type-aware rules are switched off for speed only.
const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({
  cwd: root,
  overrideConfig: [
    {
      ...tseslint.configs.disableTypeChecked,
      languageOptions: { parserOptions: { projectService: false, project: null } },
    },
  ],
});

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('layer rules', () => {
  it.each([
    [
      'main/core/x.ts',
      "import { app } from 'electron';\nexport const a = app;\n",
      'no-restricted-imports',
    ],
    [
      'main/sandbox/x.ts',
      "import { app } from 'electron';\nexport const a = app;\n",
      'no-restricted-imports',
    ],
    [
      'main/core/x.ts',
      "import { ipcMain } from './ipc';\nexport const a = ipcMain;\n",
      'no-restricted-syntax',
    ],
    [
      'renderer/x.ts',
      'declare const ipcRenderer: unknown;\nexport const a = ipcRenderer;\n',
      'no-restricted-syntax',
    ],
    [
      'main/core/x.ts',
      "import { App } from '../../renderer/app/App';\nexport const a = App;\n",
      'no-restricted-imports',
    ],
    [
      'renderer/x.ts',
      "import { createCore } from '../main/core/app-core';\nexport const a = createCore;\n",
      'no-restricted-imports',
    ],
    [
      'shared/x.ts',
      "import { createCore } from '../main/core/app-core';\nexport const a = createCore;\n",
      'no-restricted-imports',
    ],
    [
      'shared/x.ts',
      "import { App } from '../renderer/app/App';\nexport const a = App;\n",
      'no-restricted-imports',
    ],
    [
      'main/core/x.ts',
      "import { EventHub } from '../host/event-hub';\nexport const a = EventHub;\n",
      'no-restricted-imports',
    ],
    [
      'main/core/changes/x.ts',
      "import type { EventHub } from '../../host/event-hub';\nexport type A = EventHub;\n",
      'no-restricted-imports',
    ],
    [
      'main/core/x.ts',
      "import { startSandbox } from '../sandbox';\nexport const a = startSandbox;\n",
      'no-restricted-imports',
    ],
    [
      'main/core/connections/x.ts',
      "import { startSandbox } from '../../sandbox/index';\nexport const a = startSandbox;\n",
      'no-restricted-imports',
    ],
    [
      'main/sandbox/x.ts',
      "import { createCore } from '../core/app-core';\nexport const a = createCore;\n",
      'no-restricted-imports',
    ],
    [
      'main/sandbox/store/x.ts',
      "import { loadJsonFile } from '../../core/fs/json-file';\nexport const a = loadJsonFile;\n",
      'no-restricted-imports',
    ],
    [
      'main/sandbox/x.ts',
      "import { dispatch } from '../host/dispatch';\nexport const a = dispatch;\n",
      'no-restricted-imports',
    ],
    [
      'main/base/x.ts',
      "import { fail } from '../../shared/bridge/errors';\nexport const a = fail;\n",
      'no-restricted-imports',
    ],
    [
      'main/base/x.ts',
      "import { createCore } from '../core/app-core';\nexport const a = createCore;\n",
      'no-restricted-imports',
    ],
    [
      'main/base/x.ts',
      "import { app } from 'electron';\nexport const a = app;\n",
      'no-restricted-imports',
    ],
    [
      'main/electron/menu2.ts',
      "import { shell } from 'electron';\nvoid shell.openExternal('https://x');\n",
      'no-restricted-syntax',
    ],
    // Native dialogs: prompt does nothing under Electron, so the app uses its own Dialog.
    ['renderer/x.ts', "export const n = window.prompt('Note?');\n", 'no-restricted-properties'],
    ['renderer/x.ts', "export const ok = window.confirm('Remove?');\n", 'no-restricted-properties'],
    ['renderer/x.ts', "globalThis.alert('done');\n", 'no-restricted-properties'],
    ['renderer/x.ts', "export const ok = confirm('Remove?');\n", 'no-restricted-globals'],
    ['renderer/x.ts', "export const n = prompt('Note?');\n", 'no-restricted-globals'],
    ['renderer/x.ts', "alert('done');\n", 'no-restricted-globals'],
    // State updaters stay pure (the old Config step started its autosave timer in one).
    [
      'renderer/x.tsx',
      'declare const setDraft: (f: (d: number) => number) => void;\nsetDraft((d) => {\n  setTimeout(() => undefined, 400);\n  return d + 1;\n});\n',
      'no-restricted-syntax',
    ],
    [
      'renderer/x.tsx',
      'declare const setDraft: (f: (d: number) => number) => void;\ndeclare const setPending: (b: boolean) => void;\nsetDraft((d) => {\n  setPending(true);\n  return d + 1;\n});\n',
      'no-restricted-syntax',
    ],
    // The preload stays lean: names only, no zod, no schemas.
    [
      'main/preload.ts',
      "import { calls } from '../shared/bridge/table';\nexport const a = calls;\n",
      'no-restricted-imports',
    ],
    ['main/preload.ts', "import { z } from 'zod';\nexport const a = z;\n", 'no-restricted-imports'],
  ])('%s: forbidden snippet fails with %s', async (file, code, rule) => {
    expect(await ruleIds(file, code)).toContain(rule);
  });

  it.each([
    ['main/index.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    [
      'main/host/electron-ipc.ts',
      "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n",
    ],
    ['main/core/x.ts', "import { calls } from '../../shared/bridge';\nexport const a = calls;\n"],
    // A pure updater, and a setter called from a timer, are fine.
    [
      'renderer/x.tsx',
      'declare const setDraft: (f: (d: number) => number) => void;\nsetDraft((d) => d + 1);\nsetTimeout(() => setDraft((d) => d - 1), 400);\n',
    ],
    // A local function that happens to be called confirm is not the global.
    ['renderer/x.ts', 'function confirm() {\n  return 1;\n}\nexport const a = confirm();\n'],
    [
      'main/preload.ts',
      "import { CALL_NAMES } from '../shared/bridge/names';\nexport const a = CALL_NAMES;\n",
    ],
    [
      'main/core/x.ts',
      "import { safeEqual } from '../base/safe-equal';\nexport const a = safeEqual;\n",
    ],
    [
      'main/core/connections/x.ts',
      "import { attachEmbeddedSandbox } from './embedded-sandbox';\nexport const a = attachEmbeddedSandbox;\n",
    ],
    [
      'main/sandbox/store/x.ts',
      "import { writeFileAtomic } from '../../base/atomic-file';\nexport const a = writeFileAtomic;\n",
    ],
    [
      'main/base/x.ts',
      "import { randomBytes } from 'node:crypto';\nimport { syncDir } from './atomic-file';\nexport const a = [randomBytes, syncDir];\n",
    ],
    [
      'main/host/x.ts',
      "import { createCore } from '../core/app-core';\nexport const a = createCore;\n",
    ],
  ])('%s: allowed snippet passes', async (file, code) => {
    expect(await ruleIds(file, code)).toEqual([]);
  });
});
