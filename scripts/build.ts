/**
 * `npm run build`: validates every lab and writes dist/catalog.json, then bundles the extension
 * host code, the CLI, each webview and the integration suites with esbuild.
 * `npm run watch` rebuilds on change. A broken lab fails the build with messages naming the
 * file and the field, before anything is bundled.
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scanLabs } from '../extension/catalog/labScan';
import { buildTypes } from './buildTypes';
import { formatProblem } from '../extension/catalog/validateLab';

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const watch = process.argv.includes('--watch');
const production = process.env['NODE_ENV'] === 'production';

function buildCatalog(): boolean {
  const labsDir = process.env['DDIA_LABS_DIR'] ?? path.join(root, 'labs');
  const { catalog, problems } = scanLabs(labsDir, root);
  if (problems.length > 0) {
    console.error(`\nLab validation failed (${problems.length} problem${problems.length === 1 ? '' : 's'}):`);
    for (const p of problems) console.error(`  ${formatProblem(p)}`);
    return false;
  }
  if (process.env['DDIA_BUILD_CATALOG_ONLY']) {
    console.log(`catalog: ${catalog.labs.length} labs valid`);
    return true;
  }
  fs.mkdirSync(dist, { recursive: true });
  fs.writeFileSync(path.join(dist, 'catalog.json'), JSON.stringify(catalog, null, 2) + '\n');
  console.log(`catalog: ${catalog.labs.length} labs → dist/catalog.json`);
  return true;
}

/**
 * Each lab family owns a folder under webviews/. By convention `webviews/<name>/renderer.ts` is a
 * notebook renderer (ESM, dist/renderers/<name>.js) and `webviews/<name>/panel.ts` is the script
 * of a webview panel or custom editor (IIFE, dist/webviews/<name>.js), so adding a view needs no
 * edit here.
 */
function webviewEntries(file: 'renderer.ts' | 'panel.ts'): Record<string, string> {
  const dir = path.join(root, 'webviews');
  const entries: Record<string, string> = {};
  for (const name of fs.readdirSync(dir)) {
    const entry = path.join(dir, name, file);
    if (fs.existsSync(entry)) entries[name] = entry;
  }
  return entries;
}

function testEntries(): string[] {
  const dir = path.join(root, 'test', 'integration');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f === 'index.ts' || f.endsWith('.suite.ts'))
    .map((f) => path.join(dir, f));
}

const common: esbuild.BuildOptions = {
  bundle: true,
  sourcemap: true,
  minify: production,
  logLevel: 'warning',
  target: 'es2022',
};

const builds: esbuild.BuildOptions[] = [
  {
    ...common,
    entryPoints: { extension: path.join(root, 'extension/activate.ts') },
    outdir: dist,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { cli: path.join(root, 'extension/cli/main.ts') },
    outdir: dist,
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    // The notebook kernel, a child process: kernel.js is its small entry, which loads
    // kernel-process.js (the kernel and the SDK) through V8's code cache.
    ...common,
    entryPoints: {
      kernel: path.join(root, 'extension/kernel/kernelBootstrap.ts'),
      'kernel-process': path.join(root, 'extension/kernel/kernelProcess.ts'),
    },
    outdir: dist,
    platform: 'node',
    format: 'cjs',
  },
  {
    // The stepper's simulation worker: branch re-runs and trace loading off the extension host's thread.
    ...common,
    entryPoints: { 'sim-worker': path.join(root, 'extension/stepper/simWorker.ts') },
    outdir: dist,
    platform: 'node',
    format: 'cjs',
  },
  {
    // Notebook renderers are ES modules; splitting lets mermaid load as its own chunk, on demand.
    ...common,
    entryPoints: {
      outputs: path.join(root, 'webviews/renderers/outputs.ts'),
      markdownMermaid: path.join(root, 'webviews/renderers/markdownMermaid.ts'),
      ...webviewEntries('renderer.ts'),
    },
    outdir: path.join(dist, 'renderers'),
    platform: 'browser',
    format: 'esm',
    splitting: true,
    minify: true,
    // Mermaid's source maps alone are ~10 MB; the renderers are debugged from source instead.
    sourcemap: false,
  },
  {
    // The grader's child processes preload this: the Sucrase .ts loader (no native code), the SDK,
    // the test harness that stands in for node:test and the signed result channel.
    ...common,
    entryPoints: { 'grader-runner': path.join(root, 'extension/grading/runner/graderRunner.ts') },
    outdir: dist,
    platform: 'node',
    format: 'cjs',
    minify: true,
    sourcemap: false,
  },
  {
    ...common,
    entryPoints: { catalog: path.join(root, 'webviews/catalog/main.ts'), ...webviewEntries('panel.ts') },
    outdir: path.join(dist, 'webviews'),
    platform: 'browser',
    format: 'iife',
    loader: { '.css': 'text' },
  },
  {
    ...common,
    entryPoints: testEntries(),
    outdir: path.join(dist, 'test', 'integration'),
    platform: 'node',
    format: 'cjs',
    external: ['vscode', 'mocha'],
  },
  {
    ...common,
    entryPoints: { 'vscode-shim': path.join(root, 'test/harness/vscodeShim.ts') },
    outdir: path.join(dist, 'test'),
    platform: 'node',
    format: 'cjs',
    external: ['playwright-core'],
    banner: { js: '#!/usr/bin/env node' },
  },
];

/**
 * Reports watch rebuilds in the format the VS Code task's problem matcher expects. The nine
 * bundles rebuild independently; one "started" is printed when the first of them starts and one
 * "finished" when the last running one ends, so F5 waits for every bundle.
 */
function watchReporter(): () => esbuild.Plugin {
  let running = 0;
  let errors = 0;
  return () => ({
    name: 'watch-reporter',
    setup(build) {
      build.onStart(() => {
        if (running++ === 0) {
          errors = 0;
          console.log('[watch] build started');
        }
      });
      build.onEnd((result) => {
        for (const m of result.errors) {
          const where = m.location ? `${m.location.file}:${m.location.line}:${m.location.column + 1}` : 'build';
          console.error(`${where}: error: ${m.text}`);
        }
        errors += result.errors.length;
        if (--running === 0) {
          if (errors === 0) buildTypes(root, dist);
          console.log(`[watch] build finished with ${errors} error(s)`);
        }
      });
    },
  });
}

async function main(): Promise<void> {
  if (!buildCatalog()) process.exit(1);
  // Used by the tests of lab validation: validate a labs folder without bundling or writing dist/.
  if (process.env['DDIA_BUILD_CATALOG_ONLY']) return;
  if (watch) {
    // The lines printed here are what .vscode/tasks.json's problem matcher reads: a build
    // starts, each error is `file:line:col: error: text`, a build finishes. F5 waits for the
    // first "build finished" (all nine bundles) before it starts the Extension Development Host.
    const plugin = watchReporter();
    const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...b, plugins: [plugin()] })));
    await Promise.all(contexts.map((c) => c.watch()));
    fs.watch(path.join(root, 'labs'), { recursive: true }, () => buildCatalog());
    console.log('watching for changes…');
    return;
  }
  const started = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  buildTypes(root, dist);
  fs.chmodSync(path.join(dist, 'cli.js'), 0o755);
  fs.chmodSync(path.join(dist, 'test', 'vscode-shim.js'), 0o755);
  console.log(`bundled ${builds.length} targets in ${Date.now() - started} ms`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
