import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'out/**', 'client/out/**', 'server/out/**', '.vscode-test/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'readonly',
        __dirname: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // stdout belongs to the protocol in the server; the engine does no I/O at all.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/cli/**'],
    rules: { 'no-console': 'error' },
  },
  {
    // The engine is pure: no editor API, no transport, no file system or processes.
    files: ['server/src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['fs', 'fs/promises', 'child_process', 'os', 'net', 'http', 'https', 'vscode'].map((name) => ({
            name,
            message: 'The engine is pure: no editor API, no I/O.',
          })),
          patterns: [
            { group: ['vscode-languageserver*', 'vscode-languageclient*'], message: 'The engine must not depend on a transport.' },
            { group: ['node:*'], message: 'The engine does no I/O.' },
          ],
        },
      ],
    },
  },
);
