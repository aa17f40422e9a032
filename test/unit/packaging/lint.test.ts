import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// Checklist item 15: shell.openExternal only through main/electron/open-external.ts, enforced by
// the project's ESLint config (no-restricted-syntax). Linted as text at virtual paths, without
// type information (the rule is syntactic), so no fixture file has to exist in the tree.
const root = resolve(import.meta.dirname, '../../..');
const snippet = `import { shell } from 'electron';

export async function openDocs(url: string): Promise<void> {
  await shell.openExternal(url);
}
`;
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({
    cwd: root,
    overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }],
  });
});

async function openExternalErrors(relPath: string, code = snippet): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, relPath) });
  return result!.messages
    .filter((m) => m.ruleId === 'no-restricted-syntax' && /open-external/.test(m.message))
    .map((m) => `${m.line}:${m.message}`);
}

describe('lint: shell.openExternal only through the allow-listed wrapper', () => {
  it('errors on shell.openExternal( in another Electron shell file', async () => {
    expect(await openExternalErrors('main/electron/docs-link.ts')).toEqual([
      '4:Open links only through main/electron/open-external.ts (the https allow-list).',
    ]);
  });

  it('errors in the main entry and in core code too', async () => {
    expect(await openExternalErrors('main/index.ts')).toHaveLength(1);
    expect(await openExternalErrors('main/core/links.ts')).toHaveLength(1);
  });

  it('allows it in main/electron/open-external.ts only', async () => {
    expect(await openExternalErrors('main/electron/open-external.ts')).toEqual([]);
  });

  it.each([
    ['computed', "import { shell } from 'electron';\nvoid shell['openExternal']('https://x');\n"],
    ['aliased', "import { shell as s } from 'electron';\nvoid s.openExternal('https://x');\n"],
    ['namespaced', "import * as e from 'electron';\nvoid e.shell.openExternal('https://x');\n"],
    [
      'destructured',
      "import { shell } from 'electron';\nconst { openExternal } = shell;\nvoid openExternal('https://x');\n",
    ],
  ])('errors on the %s form too', async (_form, code) => {
    expect((await openExternalErrors('main/electron/docs-link.ts', code)).length).toBeGreaterThan(
      0,
    );
  });

  it('allows calling the wrapper itself', async () => {
    const code =
      "import { openExternal } from './open-external';\nvoid openExternal('https://docs.selwise.com/');\n";
    expect(await openExternalErrors('main/electron/menu.ts', code)).toEqual([]);
  });
});
