// Flat ESLint config. Beyond the recommended sets it keeps the house rules (docs/architecture.md):
// `electron` only in src/main/electron and src/preload, raw ipcMain / ipcRenderer only in the
// one binding file of each side, the folder layers (below), and no `any` (so none in exported
// signatures).
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const ELECTRON_ZONES = ['src/main/electron/**', 'src/preload/**'];
const IPC_BINDINGS = ['src/main/electron/ipc.ts', 'src/preload/index.ts'];

/** Each kind of source's own folder: only src/main/sources/ itself reaches into them. */
const SOURCE_OWN_FOLDERS = ['src/main/sources/xmplus', 'src/main/sources/subscription'];
/** What reads snapshots and capabilities: above the source layer, never imported by it. */
const ABOVE_SOURCES = [
  'src/main/monitor',
  'src/main/billing',
  'src/main/export',
  'src/main/import',
  'src/main/local',
  'src/main/cli',
  'src/main/data.ts',
  'src/main/core.ts',
  'src/main/accounts.ts',
];

/**
 * The folder layers, as the folders an import may not reach from each layer. Paths are relative
 * to the repository root; the first layer that holds a file decides.
 */
const LAYERS = [
  {
    layer: 'src/shared',
    forbidden: ['src/main', 'src/renderer', 'src/preload'],
    why: 'src/shared is imported by both processes, so it imports neither',
  },
  {
    layer: 'src/main/electron',
    forbidden: ['src/renderer', ...SOURCE_OWN_FOLDERS],
    why: 'the shell talks to the renderer through the contract only, and to the core above its sources',
  },
  {
    layer: 'src/main/net',
    forbidden: ['src/main/sources', 'src/main/electron', 'src/renderer', 'src/preload'],
    why: 'the HTTP layer serves every kind of source and knows none of them',
  },
  {
    layer: 'src/main/sources',
    forbidden: [...ABOVE_SOURCES, 'src/main/electron', 'src/renderer', 'src/preload'],
    // The server model is a codec (types, share links, pseudo-servers) that reads no snapshot: a
    // subscription source fills it with the servers it reads. The export formats stay out of reach.
    allowed: ['src/main/export/model'],
    why: 'a source turns a profile into a snapshot; what reads snapshots sits above it',
  },
  {
    layer: 'src/main',
    forbidden: [...SOURCE_OWN_FOLDERS, 'src/main/electron', 'src/renderer', 'src/preload'],
    why: 'above the source layer only snapshots and capabilities count (src/main/sources/types.ts and index.ts); the plain-Node core reaches the desktop only through the Platform (src/main/platform.ts)',
  },
  {
    layer: 'src/renderer',
    forbidden: ['src/main', 'src/preload'],
    why: 'the renderer talks to main only through window.xmplus and src/shared',
  },
];

const inside = (file, folder) => file === folder || file.startsWith(`${folder}/`);

/** A local rule: relative imports that cross a layer boundary. */
const layersPlugin = {
  rules: {
    layers: {
      meta: {
        type: 'problem',
        schema: [],
        messages: { crossing: '{{from}} may not import {{to}}: {{why}}.' },
      },
      create(context) {
        const root = context.cwd;
        const file = path.relative(root, context.filename).split(path.sep).join('/');
        const rule = LAYERS.find((entry) => inside(file, entry.layer));
        if (!rule) return {};
        const check = (node, source) => {
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          const target = path
            .relative(root, path.resolve(path.dirname(context.filename), source))
            .split(path.sep)
            .join('/');
          const to = rule.forbidden.find((folder) => inside(target, folder));
          if (to && !(rule.allowed ?? []).some((folder) => inside(target, folder)))
            context.report({ node, messageId: 'crossing', data: { from: rule.layer, to, why: rule.why } });
        };
        return {
          ImportDeclaration: (node) => check(node.source, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
          ExportAllDeclaration: (node) => check(node.source, node.source.value),
          ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
        };
      },
    },
  },
};

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.cache/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: [...ELECTRON_ZONES, 'tests/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Import electron only under src/main/electron/ or src/preload/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: IPC_BINDINGS,
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Identifier[name=/^ipc(Main|Renderer)$/]',
          message:
            'Use the contract: raw ipcMain / ipcRenderer live only in src/main/electron/ipc.ts and src/preload/index.ts.',
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { house: layersPlugin },
    rules: { 'house/layers': 'error' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
