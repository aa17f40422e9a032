import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The dependency rules of DESIGN.md section 3, enforced by lint: these snippets must fail (or pass)
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
  ])('%s: allowed snippet passes', async (file, code) => {
    expect(await ruleIds(file, code)).toEqual([]);
  });
});
