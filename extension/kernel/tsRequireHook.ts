/**
 * The one TypeScript loader: lets `require` load TypeScript files by transpiling them with
 * Sucrase on the fly. The notebook kernel uses it for exercise files imported from cells, and the
 * grader's child processes (../grading/runner/graderRunner.ts) for built-in tests and the
 * learner's exercise files, so an exercise compiles the same way in a cell and under grading.
 *
 * Sucrase only strips types and rewrites imports (no type checking: a type error must not stop a
 * learner from running or grading their code), keeps line numbers, and emits a source map that is
 * inlined, so with `--enable-source-maps` stack traces point at the learner's own line and column.
 * It is plain JavaScript, so the bundles need no native code (esbuild's binary is not shipped).
 *
 * Also maps the module name 'ddia-labs' to the in-process SDK (given as the object, or as a
 * function that builds it on first use so a process that never imports it never pays for it).
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import { transform } from 'sucrase';

const SDK_ID = '\0ddia-labs-sdk';

interface ModuleInternals {
  _resolveFilename(request: string, parent: unknown, ...rest: unknown[]): string;
  _extensions: Record<string, (module: { _compile(code: string, filename: string): void }, filename: string) => void>;
  _cache: Record<string, unknown>;
}

/** TypeScript (a module) → CommonJS JavaScript with an inline source map. Throws a SyntaxError naming file:line:column. */
export function transpileModule(source: string, filename: string): string {
  let out: ReturnType<typeof transform>;
  try {
    out = transform(source, {
      transforms: ['typescript', 'imports'],
      filePath: filename,
      sourceMapOptions: { compiledFilename: filename },
    });
  } catch (err) {
    const e = err as Error & { loc?: { line: number; column: number } };
    if (!e.loc) throw err;
    const where = `${filename}:${e.loc.line}:${e.loc.column + 1}`;
    const text = e.message.replace(/^Error transforming [^:]*: /, '').replace(/\s*\(\d+:\d+\)$/, '');
    const syntax = new SyntaxError(`${text} (${where})`);
    // The transpiler's own stack is noise to a learner; the location is the useful part.
    syntax.stack = `SyntaxError: ${text}\n    at ${where}`;
    throw syntax;
  }
  const map = out.sourceMap ? { ...out.sourceMap, sources: [filename], sourcesContent: [source] } : undefined;
  return map
    ? `${out.code}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`
    : out.code;
}

let installed = false;

export function installTypeScriptHook(sdk: object | (() => object)): void {
  if (installed) return;
  installed = true;
  const M = Module as unknown as ModuleInternals;
  const resolve = M._resolveFilename;
  M._resolveFilename = function (request: string, parent: unknown, ...rest: unknown[]): string {
    if (request === 'ddia-labs') return SDK_ID;
    try {
      return resolve.call(this, request, parent, ...rest);
    } catch (err) {
      // `import './kv-log'` from TypeScript means kv-log.ts; Node alone does not try that.
      if (/^\.{1,2}\//.test(request) && !/\.[cm]?[jt]s$/.test(request)) return resolve.call(this, `${request}.ts`, parent, ...rest);
      throw err;
    }
  };
  let exports: object | undefined = typeof sdk === 'function' ? undefined : sdk;
  const entry = { id: SDK_ID, filename: SDK_ID, loaded: true, children: [], paths: [] };
  Object.defineProperty(entry, 'exports', {
    get: () => (exports ??= (sdk as () => object)()),
    enumerable: true,
  });
  M._cache[SDK_ID] = entry;
  M._extensions['.ts'] = (module, filename) => {
    module._compile(transpileModule(fs.readFileSync(filename, 'utf8'), filename), filename);
  };
}
