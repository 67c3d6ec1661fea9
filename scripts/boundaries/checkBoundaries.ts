/**
 * The layer check ESLint cannot do: a model file (layers.json "model": storage engines, the
 * simulator, the perf model, grading core, view-models, …) must not reach host or glue code,
 * webview code or `vscode` through ANY chain of imports, not only by importing them itself.
 * A model file that imports notebook/labController (which imports `vscode`) is as unusable
 * under plain Node as one that imports `vscode`, and ESLint's no-restricted-imports only sees
 * the literal specifier. Model code also imports no Node module that does I/O, starts processes
 * or threads, or reads the clock (layers.json "forbiddenBuiltins"): those belong to the host,
 * which passes in what the model needs (a file system, a clock, a seed).
 *
 * The import graph comes from the TypeScript compiler API: `preProcessFile` lists every import,
 * `export … from`, `import()` and `require()` (type-only imports count too: a model file should
 * not even depend on host types), and `resolveModuleName` resolves them with the project's own
 * options. Runs in `npm run lint` (so in `npm test`); the probe test in
 * test/unit/lint/boundaries.test.ts checks that each kind of violation is caught.
 *
 * Usage: tsx scripts/boundaries/checkBoundaries.ts [files…]   (default: every model file)
 */
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import * as ts from 'typescript';
import layers from './layers.json';

export const ROOT = path.resolve(__dirname, '../..');

export type Layer = 'model' | 'webview' | 'host' | 'other';

/** A model file that reaches something it must not, with the chain of files that gets there. */
export interface BoundaryProblem {
  readonly file: string;
  /** What is reached: a host or webview file (relative path), `vscode`, or `node:<module>`. */
  readonly reaches: string;
  readonly why: string;
  /** Relative paths from `file` to the importer of `reaches`. */
  readonly chain: readonly string[];
}

const toPosix = (p: string): string => p.split(path.sep).join('/');

/** The layer of a path relative to the repository root (posix separators). */
export function layerOf(rel: string): Layer {
  const matches = (entry: string): boolean => (entry.endsWith('/') ? rel.startsWith(entry) : rel === entry);
  if (layers.model.some(matches)) return 'model';
  if (layers.webview.some(matches)) return 'webview';
  if (rel.startsWith('extension/')) return 'host';
  return 'other';
}

const BUILTINS = new Set(builtinModules);
const FORBIDDEN_BUILTINS = new Set(layers.forbiddenBuiltins);

/** A bare specifier that names a Node built-in module: its name without `node:`. */
function builtinName(spec: string): string | undefined {
  const name = spec.startsWith('node:') ? spec.slice(5) : spec;
  return spec.startsWith('node:') || BUILTINS.has(name) ? name : undefined;
}

/** Every `.ts` file under `dir` (recursively), skipping declaration files. */
function tsFilesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(dir, f));
}

/** Every model file in the tree (absolute paths). */
export function modelFiles(root = ROOT): string[] {
  const files = new Set<string>();
  for (const entry of layers.model) {
    const abs = path.join(root, entry);
    if (entry.endsWith('/')) for (const f of tsFilesUnder(abs)) files.add(f);
    else if (fs.existsSync(abs)) files.add(abs);
  }
  return [...files].sort();
}

function compilerOptions(root: string): ts.CompilerOptions {
  const configPath = path.join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(config.config, ts.sys, root, undefined, configPath).options;
}

type Edge = { kind: 'file'; path: string } | { kind: 'module'; name: string };

/** Checks model files against the layer rules; returns every problem (empty when the files keep to their layer). */
export function checkBoundaries(files: readonly string[] = modelFiles(), root = ROOT): BoundaryProblem[] {
  const options = compilerOptions(root);
  const cache = ts.createModuleResolutionCache(root, (f) => f, options);
  const edgesOf = new Map<string, Edge[]>();
  const rel = (abs: string): string => toPosix(path.relative(root, abs));

  const importsOf = (file: string): Edge[] => {
    let edges = edgesOf.get(file);
    if (edges) return edges;
    edges = [];
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    for (const { fileName: spec } of info.importedFiles) {
      const builtin = builtinName(spec);
      if (builtin !== undefined) {
        edges.push({ kind: 'module', name: `node:${builtin}` });
        continue;
      }
      const resolved = ts.resolveModuleName(spec, file, options, ts.sys, cache).resolvedModule;
      // A package (an npm dependency, or `vscode`, which resolves to @types/vscode) is a leaf:
      // what matters is its name, and its own imports are not ours to check.
      if (!resolved || resolved.isExternalLibraryImport) edges.push({ kind: 'module', name: spec });
      else edges.push({ kind: 'file', path: path.resolve(resolved.resolvedFileName) });
    }
    edgesOf.set(file, edges);
    return edges;
  };

  const problems: BoundaryProblem[] = [];
  for (const start of files) {
    const file = path.resolve(start);
    // Breadth-first from the model file: the shortest chain to each forbidden thing is reported once.
    const parent = new Map<string, string | null>([[file, null]]);
    const reported = new Set<string>();
    const chainTo = (f: string): string[] => {
      const chain: string[] = [];
      for (let at: string | null | undefined = f; at != null; at = parent.get(at)) chain.unshift(rel(at));
      return chain;
    };
    const report = (reaches: string, why: string, via: string): void => {
      if (reported.has(reaches)) return;
      reported.add(reaches);
      problems.push({ file: rel(file), reaches, why, chain: chainTo(via) });
    };
    // A chain that has left the model through a host file is reported once (that file); the walk
    // goes on through it only to name `vscode` or webview code behind it, which is what makes
    // such an import unusable under plain Node.
    const queue: { at: string; viaHost: boolean }[] = [{ at: file, viaHost: false }];
    while (queue.length > 0) {
      const { at, viaHost } = queue.shift() as { at: string; viaHost: boolean };
      for (const edge of importsOf(at)) {
        if (edge.kind === 'module') {
          if (layers.forbiddenModules.includes(edge.name)) report(edge.name, 'model code runs under plain Node, without VS Code', at);
          else if (!viaHost && edge.name.startsWith('node:') && FORBIDDEN_BUILTINS.has(edge.name.slice(5)))
            report(edge.name, 'I/O, processes, threads and clocks belong to the host, which injects what the model needs', at);
          continue;
        }
        if (parent.has(edge.path) || edge.path.includes(`${path.sep}node_modules${path.sep}`)) continue;
        parent.set(edge.path, at);
        const layer = layerOf(rel(edge.path));
        if (layer === 'webview') report(rel(edge.path), 'webview code runs in a browser page, not beside the model', at);
        else if (layer === 'host' && !viaHost)
          report(rel(edge.path), 'host and glue code (VS Code, processes, files) sits above the model', at);
        queue.push({ at: edge.path, viaHost: viaHost || layer === 'host' });
      }
    }
  }
  return problems;
}

export function formatProblem(p: BoundaryProblem): string {
  return `${p.file}: reaches ${p.reaches} (${p.why})\n    via ${[...p.chain, p.reaches].join(' -> ')}`;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const files = args.length > 0 ? args.map((a) => path.resolve(a)) : modelFiles();
  const problems = checkBoundaries(files);
  for (const p of problems) console.error(formatProblem(p));
  if (problems.length > 0) {
    console.error(`\n${problems.length} layer problem(s) in model code (see scripts/boundaries/layers.json).`);
    process.exit(1);
  }
  console.log(`layers: ${files.length} model files reach no host, webview, vscode or I/O module`);
}
