// Flat ESLint config. Beyond the recommended sets it keeps the house rules of DESIGN.md:
// `electron` only in src/main/electron and src/preload, raw ipcMain / ipcRenderer only in the
// one binding file of each side, and no `any` (so none in exported signatures).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const ELECTRON_ZONES = ['src/main/electron/**', 'src/preload/**'];
const IPC_BINDINGS = ['src/main/electron/ipc.ts', 'src/preload/index.ts'];

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
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
