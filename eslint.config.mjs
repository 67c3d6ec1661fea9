// ESLint flat config. Besides the usual TypeScript rules it enforces the architecture:
// model folders (storage, sim, perf/model, grading/core, catalog's pure parts) import neither
// `vscode` nor webview code, and take no time or randomness from globals.
import tseslint from 'typescript-eslint';
import globals from 'globals';

const MODEL_FOLDERS = [
  'extension/storage/**/*.ts',
  'extension/sim/**/*.ts',
  'extension/perf/model/**/*.ts',
  'extension/perf/import/**/*.ts',
  'extension/perf/stats/**/*.ts',
  'extension/perf/parsers/**/*.ts',
  'extension/grading/core/**/*.ts',
  'extension/catalog/books.ts',
  'extension/catalog/frontMatter.ts',
  'extension/catalog/labManifest.ts',
  'extension/catalog/validateLab.ts',
  'extension/catalog/labCopy.ts',
  'extension/notebook/format/**/*.ts',
  'extension/util/**/*.ts',
  // The view layer: contracts and pure view-models, drawn by webviews and built by the host.
  'extension/views/**/*.ts',
];

const NO_VSCODE_OR_WEBVIEWS = {
  paths: [{ name: 'vscode', message: 'Model code must not import vscode: keep it testable under plain Node.' }],
  patterns: [{ group: ['**/webviews/**', '../webviews/*', '../../webviews/*'], message: 'Model code must not import webview code.' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', 'test-output/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Use crypto or an injected PRNG, not Math.random.',
        },
      ],
    },
  },
  {
    files: ['extension/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/webviews/**', '../webviews/*', '../../webviews/*'],
              message: 'Host code must not import webview code; share contracts through extension/views.',
            },
          ],
        },
      ],
    },
  },
  {
    files: MODEL_FOLDERS,
    rules: {
      'no-restricted-imports': ['error', NO_VSCODE_OR_WEBVIEWS],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Model code takes time from an injected clock.' },
        { object: 'performance', property: 'now', message: 'Model code takes time from an injected clock.' },
        { object: 'Math', property: 'random', message: 'Model code takes randomness from an injected PRNG.' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Model code schedules through an injected clock.' },
        { name: 'setInterval', message: 'Model code schedules through an injected clock.' },
      ],
    },
  },
  {
    files: ['webviews/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'Webviews talk to the host through the messages in extension/views only.' }] },
      ],
    },
  },
);
