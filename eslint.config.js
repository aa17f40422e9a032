import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronOnly = [
  'main/index.ts',
  'main/preload.ts',
  'main/host/electron-ipc.ts',
  'main/electron/**/*.ts',
];
const rawIpcAllowed = ['main/preload.ts', 'main/host/electron-ipc.ts'];

const OPEN_EXTERNAL =
  'Open links only through main/electron/open-external.ts (the https allow-list).';

// window.prompt does nothing under Electron and confirm/alert block its main process: the app's
// own Dialog (renderer/ui/Dialog.tsx, ConfirmDialog.tsx) is the only way to ask the operator.
const NATIVE_DIALOG =
  "Electron does not support window.prompt and behaves differently for alert/confirm: use the app's Dialog (renderer/ui/ConfirmDialog.tsx, PromptDialog.tsx).";
const nativeDialogBan = {
  'no-restricted-globals': [
    'error',
    ...['prompt', 'alert', 'confirm'].map((name) => ({ name, message: NATIVE_DIALOG })),
  ],
  'no-restricted-properties': [
    'error',
    ...['window', 'globalThis', 'self', 'top', 'parent'].flatMap((object) =>
      ['prompt', 'alert', 'confirm'].map((property) => ({
        object,
        property,
        message: NATIVE_DIALOG,
      })),
    ),
  ],
};

// The sandboxed preload cannot require(); whatever it imports is bundled into it. It needs the
// call names only, so zod and the schemas stay out (shared/bridge/names.ts is zod-free).
const preloadLean = {
  regex: '^zod$|/bridge(/index|/table|/wire|/calls/.*)?$|/contract(/.*)?$',
  allowTypeImports: true,
  message:
    'The preload imports names only (shared/bridge/names.ts): zod and the schemas would be bundled into it.',
};

const baseSyntax = [
  // Any member access or destructuring named openExternal: catches shell.openExternal,
  // shell['openExternal'], aliased and namespace imports, and const { openExternal } = shell.
  { selector: "MemberExpression[property.name='openExternal']", message: OPEN_EXTERNAL },
  { selector: "MemberExpression[property.value='openExternal']", message: OPEN_EXTERNAL },
  { selector: "ObjectPattern > Property[key.name='openExternal']", message: OPEN_EXTERNAL },
  {
    selector: 'Identifier[name=/^(ipcMain|ipcRenderer)$/]',
    message: 'Raw ipcMain/ipcRenderer only in main/preload.ts and main/host/electron-ipc.ts.',
  },
];

// A React state updater must be pure: StrictMode calls it twice, and a timer or a bridge call
// started inside one (the old Config step's autosave) runs twice or leaks past unmount.
const STATE_SETTER = '/^set(?!Timeout$|Interval$|Immediate$)[A-Z]/';
const pureUpdaters = [
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'queueMicrotask',
  'requestAnimationFrame',
  'call',
  'request',
  'fetch',
].map((name) => ({
  selector: `CallExpression[callee.name=${STATE_SETTER}] > :matches(ArrowFunctionExpression, FunctionExpression) CallExpression[callee.name='${name}']`,
  message: `State updaters stay pure: start ${name}() in an effect or an event handler, not inside setState(fn).`,
}));
const nestedSetter = {
  selector: `CallExpression[callee.name=${STATE_SETTER}] > :matches(ArrowFunctionExpression, FunctionExpression) CallExpression[callee.name=${STATE_SETTER}]`,
  message: 'State updaters stay pure: set other state in the handler, not inside setState(fn).',
};

const noImport = (groups) => ({
  'no-restricted-imports': ['error', { patterns: groups }],
});
const electronBan = {
  group: ['electron'],
  message: 'Only the Electron shell files may import electron (docs/architecture.md, "Layers").',
};
const rendererBan = {
  group: ['**/renderer/**', '../renderer/*', '../../renderer/*'],
  message: 'main/ and shared/ never import renderer/.',
};
const mainBan = {
  group: ['**/main/**', '../main/*', '../../main/*'],
  message: 'renderer/ and shared/ never import main/.',
};
// The layers inside main/ (docs/architecture.md, "Layers"): core is the app without a host,
// sandbox is a separate program that happens to share the process, base is the leaf both use.
const hostBan = {
  group: ['**/host/*', '**/main/host/**'],
  message: 'main/core and main/sandbox never import main/host: core receives `emit` instead.',
};
const sandboxBan = {
  group: ['**/sandbox', '**/sandbox/*', '**/main/sandbox/**'],
  message:
    'main/core never imports main/sandbox: the host passes a `startSandbox` function in CoreOptions.',
};
const coreBan = {
  group: ['**/core/*', '**/main/core/**'],
  message:
    'main/sandbox never imports main/core: what both need lives in main/base (atomic files, constant-time compare, clocks).',
};
const baseLeaf = {
  group: ['../*', '**/main/**', '**/shared/**', '**/renderer/**'],
  message:
    'main/base is a leaf: it imports Node built-ins and its own files only, nothing of the app.',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.tools/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      ...nativeDialogBan,
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      'no-restricted-syntax': ['error', ...baseSyntax],
    },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  // CommonJS files (a node -r preload) use require and the CommonJS globals.
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Layer rules (docs/architecture.md, "Layers"), enforced rather than remembered.
  { files: ['main/**/*.ts'], ignores: electronOnly, rules: noImport([electronBan, rendererBan]) },
  {
    files: ['main/core/**/*.ts'],
    rules: noImport([electronBan, rendererBan, hostBan, sandboxBan]),
  },
  {
    files: ['main/sandbox/**/*.ts'],
    rules: noImport([electronBan, rendererBan, hostBan, coreBan]),
  },
  { files: ['main/base/**/*.ts'], rules: noImport([electronBan, baseLeaf]) },
  { files: electronOnly, rules: noImport([rendererBan]) },
  { files: ['main/preload.ts'], rules: noImport([rendererBan, preloadLean]) },
  { files: ['shared/**/*.ts'], rules: noImport([electronBan, rendererBan, mainBan]) },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...noImport([electronBan, mainBan]),
      'no-restricted-syntax': ['error', ...baseSyntax, ...pureUpdaters, nestedSetter],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // zustand actions are plain closures (no `this`); destructuring them is the idiom.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  { files: rawIpcAllowed, rules: { 'no-restricted-syntax': 'off' } },
  {
    files: ['main/electron/open-external.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-empty-pattern': 'off',
      'no-restricted-syntax': 'off',
    },
  },
);
