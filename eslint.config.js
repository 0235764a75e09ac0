// Lint with typescript-eslint's type-checked rules over the code, the rules and the tests.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'fixtures/plugins/', '.bench-cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A leading underscore marks a value left out on purpose (a destructured field dropped).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Tests look for control characters on purpose (ANSI escapes, hostile values), and stand in
    // for streams with async generators that have nothing to await.
    files: ['test/**'],
    rules: { 'no-control-regex': 'off', '@typescript-eslint/require-await': 'off' },
  },
  {
    // The launcher and the bench script are plain Node.js modules outside the TypeScript project.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { parserOptions: { projectService: false }, globals: { process: 'readonly', console: 'readonly' } },
  },
);
