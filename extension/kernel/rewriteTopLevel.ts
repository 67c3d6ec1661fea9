/**
 * Turns one cell's JavaScript (already transpiled from TypeScript) into a script whose
 * top-level declarations outlive it, like a Jupyter kernel or the Node REPL:
 *
 *   - `const`/`let`/`var` declarations become assignments to global `var`s, so a later cell
 *     sees them and re-running `const x = …` works (the price: re-assignable, as in the REPL);
 *   - classes become `X = class X {…}`; functions stay hoisted and are copied to globals;
 *   - the body runs inside an async function, so top-level `await` works;
 *   - `import` declarations become `require` calls assigned to global `var`s, so a name
 *     imported in one cell is usable in the next (ES module semantics: default import is the
 *     module's `default` export when it has one, else the module itself);
 *   - `export` keywords are dropped (a cell is not a module anyone imports);
 *   - a final expression statement becomes the cell's value.
 *
 * Every edit happens in place and adds no line breaks, so line numbers in stack traces are the
 * cell's own. Only columns on line 1 move, by `prefix.length`, which the caller corrects.
 */
import { parse, type Node, type Pattern, type Program } from 'acorn';

export interface RewrittenCell {
  readonly code: string;
  /** Characters added at the start of line 1. */
  readonly prefixLength: number;
  readonly declaredNames: readonly string[];
}

interface Edit {
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
}

export function rewriteTopLevel(js: string): RewrittenCell {
  const program = parse(js, {
    ecmaVersion: 'latest',
    sourceType: 'module',
    allowAwaitOutsideFunction: true,
    allowReturnOutsideFunction: true,
    allowHashBang: true,
  }) as Program;
  const names = new Set<string>();
  const functionNames: string[] = [];
  const edits: Edit[] = [];
  const body = program.body;
  body.forEach((original, index) => {
    const isLast = index === body.length - 1;
    let stmt = original as Node & Program['body'][number];
    if ((stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration') && stmt.declaration) {
      // Drop the `export` keyword (and `default`), keeping the declaration in place.
      edits.push({ at: stmt.start, remove: stmt.declaration.start - stmt.start, insert: ' '.repeat(stmt.declaration.start - stmt.start) });
      stmt = stmt.declaration as typeof stmt;
    }
    switch (stmt.type) {
      case 'ImportDeclaration': {
        const source = JSON.stringify(String(stmt.source.value));
        const parts: string[] = [];
        for (const spec of stmt.specifiers) {
          names.add(spec.local.name);
          if (spec.type === 'ImportDefaultSpecifier') parts.push(`${spec.local.name} = __ddiaDefault(require(${source}))`);
          else if (spec.type === 'ImportNamespaceSpecifier') parts.push(`${spec.local.name} = require(${source})`);
          else {
            const imported = spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
            parts.push(`${spec.local.name} = require(${source})[${JSON.stringify(imported)}]`);
          }
        }
        if (parts.length === 0) parts.push(`require(${source})`);
        // Keep the statement's line count: the code goes on its first line, blank lines follow.
        const newlines = js.slice(stmt.start, stmt.end).split('\n').length - 1;
        edits.push({ at: stmt.start, remove: stmt.end - stmt.start, insert: `void (${parts.join(', ')});${'\n'.repeat(newlines)}` });
        break;
      }
      case 'VariableDeclaration': {
        for (const d of stmt.declarations) collectPatternNames(d.id, names);
        // `const a = 1, {b} = c;` → `void (a = 1, {b} = c);`
        edits.push({ at: stmt.start, remove: stmt.kind.length, insert: 'void (' });
        // `let a;` has no initializer; it must still reset `a` when the cell runs again. The last
        // declarator's `= undefined` and the closing parenthesis share a position, so they are one
        // edit (two edits at one offset would apply in the wrong order).
        const last = stmt.declarations[stmt.declarations.length - 1]!;
        for (const d of stmt.declarations) if (!d.init && d !== last) edits.push({ at: d.id.end, remove: 0, insert: ' = undefined' });
        edits.push({ at: last.end, remove: 0, insert: last.init ? ')' : ' = undefined)' });
        break;
      }
      case 'ClassDeclaration':
        if (stmt.id) {
          names.add(stmt.id.name);
          edits.push({ at: stmt.start, remove: 0, insert: `${stmt.id.name} = ` });
          edits.push({ at: stmt.end, remove: 0, insert: ';' });
        }
        break;
      case 'FunctionDeclaration':
        if (stmt.id) {
          names.add(stmt.id.name);
          functionNames.push(stmt.id.name);
        }
        break;
      case 'ExpressionStatement':
        if (isLast && !('directive' in stmt && stmt.directive)) {
          // The statement's bounds, not the expression's: in `({ a: 1 })` the expression starts
          // inside the parentheses, and `(return (…))` would not parse. The semicolon stays outside.
          const end = js[stmt.end - 1] === ';' ? stmt.end - 1 : stmt.end;
          edits.push({ at: stmt.start, remove: 0, insert: 'return (' });
          edits.push({ at: end, remove: 0, insert: ')' });
        }
        break;
      default:
        break;
    }
  });
  edits.sort((a, b) => b.at - a.at);
  let code = js;
  for (const e of edits) code = code.slice(0, e.at) + e.insert + code.slice(e.at + e.remove);
  const declared = [...names];
  const hoist = declared.length ? `var ${declared.join(', ')}; ` : '';
  const copyFunctions = functionNames.map((f) => `globalThis[${JSON.stringify(f)}] = ${f}; `).join('');
  const prefix = `${hoist}(async () => { ${copyFunctions}`;
  return { code: `${prefix}${code}\n})()`, prefixLength: prefix.length, declaredNames: declared };
}

function collectPatternNames(p: Pattern | null, out: Set<string>): void {
  if (!p) return;
  switch (p.type) {
    case 'Identifier':
      out.add(p.name);
      return;
    case 'ObjectPattern':
      for (const prop of p.properties) collectPatternNames(prop.type === 'RestElement' ? prop.argument : prop.value, out);
      return;
    case 'ArrayPattern':
      for (const el of p.elements) collectPatternNames(el, out);
      return;
    case 'RestElement':
      collectPatternNames(p.argument, out);
      return;
    case 'AssignmentPattern':
      collectPatternNames(p.left, out);
      return;
    default:
      return;
  }
}
