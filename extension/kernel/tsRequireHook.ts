/**
 * Lets `require` load TypeScript files (exercise files imported from cells or by tests) by
 * transpiling them with Sucrase on the fly; line numbers are preserved, so stack traces point at
 * the user's lines. Also maps the module name 'ddia-labs' to the in-process SDK.
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

let installed = false;

export function installTypeScriptHook(sdk: object): void {
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
  M._cache[SDK_ID] = { id: SDK_ID, filename: SDK_ID, loaded: true, exports: sdk, children: [], paths: [] };
  M._extensions['.ts'] = (module, filename) => {
    const source = fs.readFileSync(filename, 'utf8');
    module._compile(transform(source, { transforms: ['typescript', 'imports'], filePath: filename }).code, filename);
  };
}
