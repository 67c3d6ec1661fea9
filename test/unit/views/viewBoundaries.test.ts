/**
 * The view layer's boundaries, checked on the source: the simulator never imports the view
 * layer; the view layer takes only TYPES from the models (storage, sim, perf) and nothing from
 * the host or the webviews; webview bundles import nothing from extension/ but the view layer
 * (and model types); they share DOM code among themselves (webviews/shared, the timeline canvas, the charts).
 * The flame graph is the one named exception: its view-model is the profile model's own call
 * trees, sandwich and diff, and a dropped file is imported in the webview (never on the host).
 * The timeline is the other: its trace is the simulator's own columnar record (TraceColumns, a
 * pure struct of arrays with its kind codes), which the run encoding decodes into and the
 * timeline model reads without an object per event (docs/trace-encoding.md).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '../../..');

interface Import {
  readonly file: string;
  /** Repo-relative target without extension, or the bare module name. */
  readonly target: string;
  readonly typeOnly: boolean;
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

const IMPORT = /^(import|export)\s+(type\s+)?([\s\S]*?)\s+from\s+'([^']+)';/gm;

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const [, , typeKw, clause = '', spec = ''] = m;
    const names = clause
      .replace(/[{}]/g, '')
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    const typeOnly = Boolean(typeKw) || (clause.startsWith('{') && names.length > 0 && names.every((n) => n.startsWith('type ')));
    const target = spec.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)) : spec;
    out.push({ file, target, typeOnly });
  }
  return out;
}

const under = (p: string, folder: string): boolean => p === folder || p.startsWith(`${folder}/`);
const show = (i: Import): string => `${i.file} → ${i.target}${i.typeOnly ? ' (type)' : ''}`;

/** The flame graph's runtime use of the profile model (see the header). */
const FLAME_MODEL_USES = new Set([
  'extension/views/flame/diffTree.ts → extension/perf/model/builder',
  'extension/views/flame/diffTree.ts → extension/perf/model/diff',
  'extension/views/flame/diffTree.ts → extension/perf/model/types',
]);
/** The timeline's runtime use of the trace columns (see the header). */
const TRACE_COLUMNS = 'extension/sim/core/traceColumns';
const usesTraceColumns = (i: Import): boolean => under(i.file, 'extension/views/timeline') && i.target === TRACE_COLUMNS;
const FLAME_WEBVIEW_MAY_USE = ['extension/perf/model', 'extension/perf/import'];

test('the simulator does not import the view layer', () => {
  const bad = tsFiles('extension/sim')
    .flatMap(importsOf)
    .filter((i) => under(i.target, 'extension/views'));
  assert.deepEqual(bad.map(show), []);
});

test('the view layer takes only types from the models, and nothing from the host or the webviews', () => {
  const files = tsFiles('extension/views');
  assert.ok(files.length > 30, `found the view layer (${files.length} files)`);
  const bad = files.flatMap(importsOf).filter((i) => {
    if (under(i.target, 'extension/views')) return false;
    if (['extension/sim', 'extension/storage', 'extension/perf'].some((m) => under(i.target, m)))
      return !i.typeOnly && !FLAME_MODEL_USES.has(`${i.file} → ${i.target}`) && !usesTraceColumns(i);
    return true; // vscode, node builtins, webviews, host folders
  });
  assert.deepEqual(bad.map(show), []);
});

test('webview bundles import only the view layer and webviews/shared', () => {
  const bad = tsFiles('webviews')
    .flatMap(importsOf)
    .filter((i) => {
      if (!i.target.startsWith('extension/') && !i.target.startsWith('webviews/')) return false; // npm packages
      if (under(i.target, 'extension/views')) return false;
      // DOM code shared between webviews (the stepper draws with the timeline's canvas, perf views with the charts).
      if (under(i.target, 'webviews')) return false;
      if (i.typeOnly && ['extension/sim', 'extension/storage', 'extension/perf'].some((m) => under(i.target, m))) return false;
      if (under(i.file, 'webviews/flamegraph') && FLAME_WEBVIEW_MAY_USE.some((m) => under(i.target, m))) return false;
      return true;
    });
  assert.deepEqual(bad.map(show), []);
});
