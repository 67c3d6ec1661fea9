/**
 * TypeScript cell → runnable script. Sucrase strips types and turns `import` into `require`
 * (platform-neutral, pure JavaScript, and it keeps line numbers), then rewriteTopLevel makes the
 * declarations persistent and the body async. Syntax errors come back with the cell's line.
 */
import { transform } from 'sucrase';
import { rewriteTopLevel } from './rewriteTopLevel';

export interface TranspiledCell {
  readonly code: string;
  readonly prefixLength: number;
}

export class CellSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
  ) {
    super(message);
    this.name = 'SyntaxError';
  }
}

export function transpileCell(source: string, filePath: string): TranspiledCell {
  let js: string;
  try {
    // Only types are stripped here; imports are rewritten by rewriteTopLevel so that they
    // outlive the cell. Unused imports are kept: a later cell may use them.
    js = transform(source, { transforms: ['typescript'], filePath, keepUnusedImports: true }).code;
  } catch (err) {
    const e = err as Error & { loc?: { line: number; column: number } };
    throw new CellSyntaxError(
      e.message.replace(/^Error transforming [^:]*: /, '').replace(/\s*\(\d+:\d+\)$/, ''),
      e.loc?.line,
      e.loc?.column,
    );
  }
  try {
    return rewriteTopLevel(js);
  } catch (err) {
    const e = err as Error & { loc?: { line: number; column: number } };
    throw new CellSyntaxError(
      e.message.replace(/^Error transforming [^:]*: /, '').replace(/\s*\(\d+:\d+\)$/, ''),
      e.loc?.line,
      e.loc?.column,
    );
  }
}
