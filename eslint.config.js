import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', '.wrangler/', 'coverage/', '.tmp/', 'tests/fixtures/sites/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // The serving core must run on Workers: no node: built-ins outside the runtime edge.
    files: ['src/**/*.ts', 'crawler/**/*.ts'],
    ignores: ['src/runtime/node.ts', 'src/runtime/demo.ts', 'src/runtime/node/**', 'crawler/cli.ts', 'crawler/extract-cli.ts', 'crawler/extract/build-*.ts', 'crawler/state/sqlite-state.ts', 'crawler/archive/fs-archive.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*'], message: 'src/ and crawler/ are runtime-neutral (Node and Workers): put Node-only code in src/runtime/node/ or a cli.' }] }],
    },
  },
);
