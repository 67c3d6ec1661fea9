/**
 * The layer boundaries hold: in a copy of the source tree (in the temp folder, so a build, a lint
 * or another test running at the same time never sees a probe, and nothing is left behind), each
 * model folder gets probe files that each commit one violation: reaching `vscode` through a host
 * module, importing webview code, touching the DOM, reading the clock or randomness, doing I/O.
 * The real tools must report every one: ESLint through its Node API (one instance, probe files
 * only), the TypeScript compiler with the Node project's options (no DOM in `lib`), and the
 * import-graph check (scripts/boundaries/checkBoundaries.ts). A clean probe, which takes its
 * clock and randomness as the model should, must pass all three; the webview project must
 * still have the DOM.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ESLint } from 'eslint';
import * as ts from 'typescript';
import { checkBoundaries, formatProblem, modelFiles, ROOT } from '../../../scripts/boundaries/checkBoundaries';
import layers from '../../../scripts/boundaries/layers.json';

/** The model folders (layers.json entries that are folders); extension/views may not exist yet, the probes create it in the copy. */
const MODEL_FOLDERS = layers.model.filter((e) => e.endsWith('/')).map((e) => e.slice(0, -1));

/** How a probe's violation must show up: which tool must report it, and what its report must say. */
interface Probe {
  readonly name: string;
  /** The probe file's text; `$root` is replaced by the relative path from the probe to the repository root. */
  readonly source: string;
  readonly eslint?: RegExp;
  readonly tsc?: RegExp;
  readonly graph?: RegExp;
}

const PROBES: readonly Probe[] = [
  {
    name: 'importsLabController',
    source: "import * as host from '$root/extension/notebook/labController';\nexport const probe = host;\n",
    eslint: /no-restricted-imports/,
    graph: /reaches extension\/notebook\/labController\.ts[\s\S]*reaches vscode/,
  },
  {
    // catalogPanel sits in a folder with pure files too, so only the graph check can see that it leads to vscode.
    name: 'importsCatalogPanel',
    source: "import * as host from '$root/extension/catalog/catalogPanel';\nexport const probe = host;\n",
    graph: /reaches extension\/catalog\/catalogPanel\.ts[\s\S]*reaches vscode/,
  },
  {
    name: 'importsVscode',
    source: "import * as vscode from 'vscode';\nexport const probe = vscode;\n",
    eslint: /vscode/,
    graph: /reaches vscode/,
  },
  {
    name: 'importsWebview',
    source: "import * as view from '$root/webviews/storage/svg';\nexport const probe = view;\n",
    eslint: /webview/,
    graph: /reaches webviews\/storage\/svg\.ts/,
  },
  {
    name: 'importsFs',
    source: "import * as fs from 'node:fs';\nexport const probe = fs.existsSync('x');\n",
    eslint: /no I\/O/,
    graph: /reaches node:fs/,
  },
  {
    name: 'importsWorkerThreads',
    source: "import { Worker } from 'node:worker_threads';\nexport const probe = Worker;\n",
    eslint: /no I\/O/,
    graph: /reaches node:worker_threads/,
  },
  { name: 'usesDocument', source: 'export const probe = document.title;\n', eslint: /no DOM/, tsc: /Cannot find name 'document'/ },
  { name: 'usesWindow', source: 'export const probe = window.innerWidth;\n', eslint: /no DOM/, tsc: /Cannot find name 'window'/ },
  { name: 'newDate', source: 'export const probe = new Date();\n', eslint: /new Date\(\) reads the clock/ },
  { name: 'dateNow', source: 'export const probe = Date.now();\n', eslint: /Date\.now/ },
  { name: 'performanceNow', source: 'export const probe = performance.now();\n', eslint: /performance\.now/ },
  { name: 'processHrtime', source: 'export const probe = process.hrtime();\n', eslint: /process\.hrtime/ },
  { name: 'processHrtimeBigint', source: 'export const probe = process.hrtime.bigint();\n', eslint: /process\.hrtime/ },
  { name: 'mathRandom', source: 'export const probe = Math.random();\n', eslint: /Math\.random/ },
  {
    name: 'cryptoRandomBytes',
    source: "import * as crypto from 'node:crypto';\nexport const probe = crypto.randomBytes(4);\n",
    eslint: /randomBytes/,
  },
  { name: 'randomUUID', source: "import { randomUUID } from 'node:crypto';\nexport const probe = randomUUID();\n", eslint: /randomUUID/ },
  { name: 'globalCryptoRandom', source: 'export const probe = crypto.getRandomValues(new Uint8Array(4));\n', eslint: /getRandomValues/ },
];

/** Time and randomness injected, a deterministic hash, a model sibling: all allowed. */
const CLEAN: Probe = {
  name: 'clean',
  source: [
    "import { createHash } from 'node:crypto';",
    "import { createRandom } from '$root/extension/util/prng';",
    'export interface Clock {',
    '  now(): number;',
    '}',
    'export function probe(clock: Clock, seed: number): string {',
    '  const random = createRandom(seed);',
    "  return createHash('sha256').update(`${clock.now()} ${random.next()} ${new Date(0).toISOString()}`).digest('hex');",
    '}',
    '',
  ].join('\n'),
};

let copy = '';
/** Probe files by folder, then probe name (absolute paths in the copy). */
const probeFiles = new Map<string, Map<string, string>>();

function copyTree(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-lint-probe-'));
  for (const entry of ['extension', 'webviews', 'scripts/boundaries'])
    fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  for (const file of ['tsconfig.json', 'tsconfig.base.json', 'eslint.config.mjs', 'package.json'])
    fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules')), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

function writeProbe(folder: string, probe: Probe): string {
  const dir = path.join(copy, folder, 'lint-probe');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${probe.name}.ts`);
  const toRoot = path.relative(dir, copy).split(path.sep).join('/');
  fs.writeFileSync(file, probe.source.replaceAll('$root', toRoot));
  return file;
}

function tsDiagnostics(configPath: string, files: readonly string[]): Map<string, string> {
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, path.dirname(configPath), undefined, configPath);
  const program = ts.createProgram(files, options);
  const byFile = new Map<string, string>();
  for (const file of files) {
    const sf = program.getSourceFile(file);
    assert.ok(sf, `the program has ${file}`);
    const diags = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    byFile.set(file, diags.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  }
  return byFile;
}

const eslintMessages = new Map<string, string>();
const graphReports = new Map<string, string>();
let tscReports = new Map<string, string>();

describe('layer boundaries: every kind of violation in every model folder is reported', { timeout: 300_000 }, () => {
  before(async () => {
    copy = copyTree();
    for (const folder of MODEL_FOLDERS) {
      const files = new Map<string, string>();
      for (const probe of [...PROBES, CLEAN]) files.set(probe.name, writeProbe(folder, probe));
      probeFiles.set(folder, files);
    }
    // A host folder may read the clock: the rules are scoped to the model.
    writeProbe('extension/kernel', { name: 'hostClock', source: 'export const probe = Date.now() + process.hrtime()[0];\n' });
    const all = [...probeFiles.values()].flatMap((m) => [...m.values()]);

    const eslint = new ESLint({ cwd: copy });
    for (const r of await eslint.lintFiles([...all, path.join(copy, 'extension/kernel/lint-probe/hostClock.ts')]))
      eslintMessages.set(r.filePath, r.messages.map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`).join('\n'));

    const importing = all.filter((f) => /[/\\](imports\w+|clean)\.ts$/.test(f));
    for (const p of checkBoundaries(importing, copy)) {
      const file = path.join(copy, p.file);
      graphReports.set(file, `${graphReports.get(file) ?? ''}${formatProblem(p)}\n`);
    }

    const domFiles = all.filter((f) => /[/\\](usesDocument|usesWindow|clean)\.ts$/.test(f));
    tscReports = tsDiagnostics(path.join(copy, 'tsconfig.json'), domFiles);
  });

  after(() => {
    if (copy) fs.rmSync(copy, { recursive: true, force: true });
  });

  for (const folder of MODEL_FOLDERS) {
    test(`${folder}: each probe's violation is reported by the tool that holds it`, () => {
      const files = probeFiles.get(folder) as Map<string, string>;
      const missed: string[] = [];
      for (const probe of PROBES) {
        const file = files.get(probe.name) as string;
        const checks: [string, RegExp | undefined, string][] = [
          ['eslint', probe.eslint, eslintMessages.get(file) ?? ''],
          ['tsc', probe.tsc, tscReports.get(file) ?? ''],
          ['graph', probe.graph, graphReports.get(file) ?? ''],
        ];
        for (const [tool, want, got] of checks)
          if (want && !want.test(got)) missed.push(`${probe.name}: ${tool} should report ${want}, reported: ${got || '(nothing)'}`);
        if (!checks.some(([, want]) => want)) missed.push(`${probe.name}: no tool expected`);
      }
      assert.deepEqual(missed, []);
    });

    test(`${folder}: the clean probe (injected clock and seed, createHash, a model import) passes every tool`, () => {
      const file = (probeFiles.get(folder) as Map<string, string>).get('clean') as string;
      assert.equal(eslintMessages.get(file), '', 'eslint');
      assert.equal(tscReports.get(file), '', 'tsc (Node project)');
      assert.equal(graphReports.get(file), undefined, 'import graph');
    });
  }

  test('the clock rules are the model folders’: a host file may read the clock', () => {
    assert.equal(eslintMessages.get(path.join(copy, 'extension/kernel/lint-probe/hostClock.ts')), '');
  });

  test('the webview project still has the DOM', () => {
    const file = writeProbe('webviews', { name: 'dom', source: 'export const probe = `${document.title} ${window.innerWidth}`;\n' });
    assert.equal(tsDiagnostics(path.join(copy, 'webviews/tsconfig.json'), [file]).get(file), '');
  });
});

describe('layer boundaries: the tree as it is', () => {
  test('no model file reaches host, webview, vscode or I/O modules through any import chain', () => {
    const files = modelFiles();
    assert.ok(files.length > 150, `found the model files (${files.length})`);
    assert.deepEqual(checkBoundaries(files).map(formatProblem), []);
  });
});
