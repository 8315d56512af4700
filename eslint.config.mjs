// ESLint 9 flat config: typescript-eslint's recommended rules (syntax only, no type information,
// so `npm run lint` stays fast), tuned so the code base passes with few disables.
// eslint-config-prettier goes last: it turns off every rule that would fight Prettier's formatting.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', 'coverage/', 'var/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_`-prefixed names are deliberately unused: destructuring a field away
      // (`{ total: _t, ...row }`), a parameter an interface makes us accept.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // E2E tests and benches poke at loosely typed HTTP bodies; typing every one would be a sweeping rewrite.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // jest.config.js and .dependency-cruiser.cjs are CommonJS (module.exports).
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    // Scripts served to the browser as they are (no build step): browser globals, none of Node's
    // (process, require, Buffer…), except `module`, which they test for to export to their specs.
    files: ['src/web/assets/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        ...Object.fromEntries(Object.keys(globals.node).map((name) => [name, 'off'])),
        ...globals.browser,
        module: 'readonly',
      },
    },
  },
  prettier,
);
