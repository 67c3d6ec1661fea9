/**
 * Type declarations for learners' editors: the SDK's .d.ts (emitted from extension/sdk with the
 * TypeScript compiler) plus Node's own (@types/node and undici-types, MIT), written to
 * dist/types/. Open Lab copies them into the workspace with a tsconfig.json, so completion and
 * hover work in exercise files without the learner installing anything.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export function buildTypes(root: string, dist: string): void {
  const out = path.join(dist, 'types');
  fs.rmSync(out, { recursive: true, force: true });
  const sdkOut = path.join(out, 'ddia-labs');
  const program = ts.createProgram([path.join(root, 'extension', 'sdk', 'index.ts')], {
    declaration: true,
    emitDeclarationOnly: true,
    outDir: sdkOut,
    rootDir: path.join(root, 'extension'),
    strict: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    types: ['node'],
  });
  const result = program.emit();
  const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (result.emitSkipped || errors.length > 0) {
    throw new Error(
      `SDK declarations failed:\n${ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' })}`,
    );
  }
  for (const pkg of ['@types/node', 'undici-types']) {
    const from = path.join(root, 'node_modules', pkg);
    const to = path.join(out, pkg === '@types/node' ? 'node' : pkg);
    fs.cpSync(from, to, { recursive: true, filter: (src) => fs.statSync(src).isDirectory() || /\.(d\.ts|json)$|LICENSE$/.test(src) });
  }
}
