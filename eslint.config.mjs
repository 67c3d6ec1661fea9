// ESLint flat config. Besides the usual TypeScript rules it enforces the architecture, with
// three tools that each hold what the others cannot:
//   - this file: per folder, what a file may name directly. Model folders (scripts/boundaries/
//     layers.json "model": storage engines, the simulator, the perf model/import/stats/parsers/
//     use/bench/checklist, grading core, view-models in extension/views, protocol types, the pure
//     catalog and notebook-format files) import neither `vscode`, nor webview code, nor host
//     folders, nor Node modules that do I/O, start processes or threads or read the clock; and
//     they read no clock or randomness (Date.now, new Date(), performance.now, process.hrtime,
//     Math.random, crypto's random functions) except through what is injected: same seed, same
//     trace. Webviews do not import `vscode`; host code does not import webview code. Math.random
//     is banned everywhere.
//   - scripts/boundaries/checkBoundaries.ts (run by `npm run lint`): the same layer rule over the
//     whole import graph, so a model file cannot reach `vscode` or host code through a chain of
//     imports (say through notebook/labController) either.
//   - tsconfig.json vs webviews/tsconfig.json: only the webview project has the DOM in `lib`.
// test/unit/lint/boundaries.test.ts plants one violation of each kind in each model folder and
// checks that these tools report it.
import { readFileSync } from 'node:fs';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const layers = JSON.parse(readFileSync(new URL('./scripts/boundaries/layers.json', import.meta.url), 'utf8'));

/** layers.json entries (folders end with '/') as globs. */
const MODEL_FILES = layers.model.map((entry) => (entry.endsWith('/') ? `${entry}**/*.ts` : entry));

const WEBVIEW_IMPORTS = ['**/webviews/**', '../webviews/*', '../../webviews/*'];

const CLOCK = 'Model code takes time from an injected clock (the host passes the real one).';
const RANDOM = 'Model code takes randomness from an injected seed or PRNG (extension/util/prng), so the same seed gives the same trace.';
const CRYPTO_RANDOM = ['randomBytes', 'randomUUID', 'getRandomValues', 'randomInt', 'randomFill', 'randomFillSync', 'webcrypto'];

const MODEL_IMPORTS = {
  paths: [
    { name: 'vscode', message: 'Model code must not import vscode: keep it testable under plain Node.' },
    ...['crypto', 'node:crypto'].map((name) => ({
      name,
      importNames: CRYPTO_RANDOM,
      message: `${RANDOM} (createHash and the other deterministic functions are fine).`,
    })),
    ...layers.forbiddenBuiltins.flatMap((m) =>
      [m, `node:${m}`].map((name) => ({
        name,
        message: 'Model code does no I/O and starts no process or thread: the host does, and injects what the model needs.',
      })),
    ),
  ],
  patterns: [
    { group: WEBVIEW_IMPORTS, message: 'Model code must not import webview code.' },
    {
      // The folders that hold host and glue code. scripts/boundaries/checkBoundaries.ts checks the
      // whole import graph; this catches the direct import while you type. flame/ and stepper/
      // are left to the graph check: extension/views has model folders of the same names.
      group: [
        '**/kernel/*',
        '**/cli/*',
        '**/perfViews/*',
        '**/webview/*',
        '**/sdk',
        '**/sdk/*',
        '**/collect/*',
        '**/storageIo/*',
        '**/grading/runner/*',
        '**/notebook/*',
        '!**/notebook/format',
        '!**/notebook/format/*',
      ],
      message:
        'Model code must not import host or glue code (VS Code, processes, files): the host calls the model, not the other way round.',
    },
  ],
};

const NO_MATH_RANDOM = {
  selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
  message: 'Use crypto or an injected PRNG, not Math.random.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', 'test-output/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', NO_MATH_RANDOM],
    },
  },
  {
    files: ['extension/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: WEBVIEW_IMPORTS, message: 'Host code must not import webview code; share contracts through extension/views.' },
          ],
        },
      ],
    },
  },
  {
    files: MODEL_FILES,
    rules: {
      'no-restricted-imports': ['error', MODEL_IMPORTS],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: CLOCK },
        { object: 'performance', property: 'now', message: CLOCK },
        { object: 'performance', property: 'timeOrigin', message: CLOCK },
        { object: 'process', property: 'hrtime', message: CLOCK },
        { object: 'process', property: 'uptime', message: CLOCK },
        { object: 'Math', property: 'random', message: RANDOM },
        ...CRYPTO_RANDOM.map((property) => ({ object: 'crypto', property, message: RANDOM })),
      ],
      'no-restricted-syntax': [
        'error',
        NO_MATH_RANDOM,
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: `new Date() reads the clock. ${CLOCK}` },
        { selector: "CallExpression[callee.name='Date']", message: `Date() reads the clock. ${CLOCK}` },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Model code schedules through an injected clock.' },
        { name: 'setInterval', message: 'Model code schedules through an injected clock.' },
        { name: 'setImmediate', message: 'Model code schedules through an injected clock.' },
        ...['document', 'window', 'navigator', 'requestAnimationFrame', 'localStorage'].map((name) => ({
          name,
          message: 'Model code has no DOM: views get plain data from it and draw in webviews/.',
        })),
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
