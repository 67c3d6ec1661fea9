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
  try {
    // Only types are stripped here; imports are rewritten by rewriteTopLevel so that they
    // outlive the cell. Unused imports are kept: a later cell may use them.
    const js = transform(source, { transforms: ['typescript'], filePath, keepUnusedImports: true }).code;
    return rewriteTopLevel(js);
  } catch (err) {
    // Sucrase and acorn both report syntax errors with a `loc`; anything else is a bug of ours.
    const e = err as Error & { loc?: { line: number; column: number } };
    if (!e.loc && !(err instanceof SyntaxError)) throw err;
    throw new CellSyntaxError(
      e.message.replace(/^Error transforming [^:]*: /, '').replace(/\s*\(\d+:\d+\)$/, ''),
      e.loc?.line,
      e.loc?.column,
    );
  }
}
