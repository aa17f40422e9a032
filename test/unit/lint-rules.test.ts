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
