/**
 * `npm run bench:activation`: how long `activate()` takes, from its first line to its return,
 * measured in fresh Node processes (cold module cache each time) against the built
 * dist/extension.js, with a recording stand-in for the `vscode` module (VS Code itself is not
 * needed to time our own code). Reported next to the budget (50 ms) and, measured in the same
 * run, the cost of merely `require('d3')` — the reason d3 and mermaid never load in the host.
 * The integration suite prints the same figure measured inside the real extension host.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const RUNS = Number(process.env['RUNS'] ?? 15);

const activateProbe = `
const Module = require('module');
// A stand-in for the whole vscode API: every property is callable and constructible and returns
// the stand-in again; iteration yields nothing. Only activate() is timed, so behaviour is moot.
const handler = {
  get: (_t, p) => (p === 'then' ? undefined : p === Symbol.iterator ? function* () {} : p === Symbol.toPrimitive ? () => '' : any),
  apply: () => any,
  construct: () => any,
};
const any = new Proxy(function () {}, handler);
// esbuild's namespace import copies own properties, so name the namespaces the extension uses.
const vscode = {};
for (const k of ['commands', 'window', 'workspace', 'notebooks', 'tests', 'languages', 'extensions', 'env', 'Uri', 'EventEmitter',
  'Disposable', 'TreeItem', 'TreeItemCollapsibleState', 'ThemeIcon', 'ThemeColor', 'MarkdownString', 'NotebookCellKind', 'NotebookCellData',
  'NotebookData', 'NotebookCellOutput', 'NotebookCellOutputItem', 'NotebookControllerAffinity', 'TestRunProfileKind', 'TestMessage',
  'Location', 'Position', 'Range', 'ViewColumn', 'QuickPickItemKind', 'FileSystemError', 'RelativePattern', 'CancellationTokenSource']) vscode[k] = any;
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest); };
require.cache['vscode'] = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };
const t0 = performance.now();
const ext = require(${JSON.stringify(path.join(root, 'dist', 'extension.js'))});
const t1 = performance.now();
const subscriptions = [];
const memento = { get: (_k, d) => d, update: async () => undefined, keys: () => [] };
const api = ext.activate({ extensionPath: ${JSON.stringify(root)}, subscriptions, extensionUri: {}, workspaceState: memento, globalState: memento });
const t2 = performance.now();
console.log(JSON.stringify({ requireMs: t1 - t0, activateMs: api.activationMs, totalMs: t2 - t0 }));
`;

const d3Probe = `
const t0 = performance.now();
require('d3');
console.log(JSON.stringify({ requireMs: performance.now() - t0 }));
`;

function sample(code: string): Record<string, number> {
  const r = spawnSync(process.execPath, ['-e', code], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as Record<string, number>;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const ours: Record<string, number>[] = [];
const d3: Record<string, number>[] = [];
for (let i = 0; i < RUNS; i++) {
  ours.push(sample(activateProbe));
  d3.push(sample(d3Probe));
}
const activateMs = median(ours.map((o) => o['activateMs'] as number));
const loadMs = median(ours.map((o) => o['totalMs'] as number));
const d3Ms = median(d3.map((o) => o['requireMs'] as number));
console.log(`activation benchmark (${RUNS} fresh processes each, medians)`);
console.log(
  `  activate() start → return          ${activateMs.toFixed(2)} ms   (budget 50 ms: ${(activateMs / 50).toFixed(3)}× of budget)`,
);
console.log(`  require(dist/extension.js)+activate ${loadMs.toFixed(2)} ms`);
console.log(`  reference: require('d3')            ${d3Ms.toFixed(2)} ms   (ours / d3 = ${(loadMs / d3Ms).toFixed(3)}×)`);
