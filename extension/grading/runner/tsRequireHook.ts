/**
 * Lets the grading child process `require` TypeScript: the built-in tests and the learner's
 * exercise files are `.ts`. Each file is transpiled on its own with `typescript`'s
 * `transpileModule` (no type checking: a type error must not stop a learner from seeing which
 * tests pass) into CommonJS with an inline source map, so that with `--enable-source-maps` stack
 * traces, and therefore failure locations, point at the learner's own lines.
 *
 * Why not tsx or esbuild: both need esbuild's native binary, which is not shipped in the VSIX.
 * `typescript` is plain JavaScript, so esbuild bundles it into dist/grader-runner.js at build
 * time and the installed extension needs no node_modules. Syntax errors are reported as a
 * SyntaxError naming file:line:column rather than running whatever the emitter recovered.
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as ts from 'typescript';

interface CompilableModule {
  _compile(code: string, filename: string): void;
}
type ExtensionHandler = (module: CompilableModule, filename: string) => void;

const COMPILER_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  inlineSourceMap: true,
  inlineSources: true,
  // Type-only imports are dropped; plain imports of types are dropped too unless they are used.
  verbatimModuleSyntax: false,
};

export function transpileTypeScript(source: string, fileName: string): string {
  const result = ts.transpileModule(source, { fileName, compilerOptions: COMPILER_OPTIONS, reportDiagnostics: true });
  const syntaxError = result.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (syntaxError) {
    const text = ts.flattenDiagnosticMessageText(syntaxError.messageText, '\n');
    let where = fileName;
    if (syntaxError.file && syntaxError.start !== undefined) {
      const { line, character } = syntaxError.file.getLineAndCharacterOfPosition(syntaxError.start);
      where = `${fileName}:${line + 1}:${character + 1}`;
    }
    const err = new SyntaxError(`${text} (${where})`);
    // The stack of the transpiler is noise to a learner; the location is the useful part.
    err.stack = `SyntaxError: ${text}\n    at ${where}`;
    throw err;
  }
  return result.outputText;
}

const SDK_ID = '\0ddia-labs-sdk';

interface ModuleInternals {
  _resolveFilename(request: string, parent: unknown, ...rest: unknown[]): string;
  _extensions: Record<string, ExtensionHandler>;
  _cache: Record<string, unknown>;
}

/**
 * Maps `import … from 'ddia-labs'` in exercise files and built-in tests to the SDK bundled into
 * this runner, as the kernel does for cells: exercises build on the same engines and simulator.
 */
export function registerSdkModule(sdk: object): void {
  const M = Module as unknown as ModuleInternals;
  if (M._cache[SDK_ID]) return;
  const resolve = M._resolveFilename;
  M._resolveFilename = function (request: string, parent: unknown, ...rest: unknown[]): string {
    return request === 'ddia-labs' ? SDK_ID : resolve.call(this, request, parent, ...rest);
  };
  M._cache[SDK_ID] = { id: SDK_ID, filename: SDK_ID, loaded: true, exports: sdk, children: [], paths: [] };
}

/** Registers the `.ts` handler unless one exists already (e.g. tsx in a source checkout). */
export function registerTypeScriptHook(): void {
  const extensions = (Module as unknown as ModuleInternals)._extensions;
  if (extensions['.ts']) return;
  extensions['.ts'] = (module, filename) => {
    module._compile(transpileTypeScript(fs.readFileSync(filename, 'utf8'), filename), filename);
  };
}
