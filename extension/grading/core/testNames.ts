/**
 * Finds the tests a built-in test file declares without running it: `test('name', …)`,
 * `it(…)`, and `describe`/`suite` blocks around them, with string-literal names. The Testing
 * view lists tests from this scan (cheap, no process, works while the learner's code does not
 * even compile), and the grader uses it to know which tests never reported because their
 * process hung or died. Tests with computed names are found only when they run.
 *
 * The scan is a small tokenizer: it skips comments, strings, template literals and regular
 * expression literals well enough for test files, and tracks parentheses to know the extent of
 * each call (and so which `describe` a test is in, and its source for results.json).
 */

export interface DeclaredTest {
  /** `describe name > test name` for nested tests, as the grader names results. */
  readonly name: string;
  /** 1-based line and column of the call. */
  readonly line: number;
  readonly column: number;
  /** The call's source text, `test('…', () => { … })`. */
  readonly code: string;
}

const CALLEES = new Set(['test', 'it', 'describe', 'suite']);
const GROUPS = new Set(['describe', 'suite']);

interface OpenCall {
  readonly callee: string;
  readonly name: string | undefined;
  readonly start: number;
  readonly depth: number;
}

export function declaredTests(source: string): DeclaredTest[] {
  return scanTestCalls(source).declared;
}

/**
 * Test calls whose name is not a string literal (`test(name, …)`, a template with substitutions).
 * The grader counts on every built-in test being declared statically, so the lab self-checks
 * refuse test files that have any.
 */
export function testsWithoutLiteralNames(source: string): { line: number; column: number }[] {
  return scanTestCalls(source).unnamed;
}

function scanTestCalls(source: string): { declared: DeclaredTest[]; unnamed: { line: number; column: number }[] } {
  const unnamed: { line: number; column: number }[] = [];
  const out: { test: DeclaredTest; order: number }[] = [];
  const open: OpenCall[] = [];
  let depth = 0;
  let i = 0;
  let lastSignificant = '';
  const n = source.length;
  const lineStarts = [0];
  for (let k = 0; k < n; k++) if (source[k] === '\n') lineStarts.push(k + 1);
  const position = (offset: number): { line: number; column: number } => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] as number) + 1 };
  };

  while (i < n) {
    const c = source[i] as string;
    if (c === '/' && source[i + 1] === '/') {
      i = source.indexOf('\n', i);
      if (i === -1) break;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(source, i);
      lastSignificant = 'str';
      continue;
    }
    if (c === '/' && /^$|[(,=:[!&|?{};]$/.test(lastSignificant)) {
      i = skipRegex(source, i);
      lastSignificant = 'regex';
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      let j = i;
      while (j < n && /[\w$]/.test(source[j] as string)) j++;
      const word = source.slice(i, j);
      const prev = previousNonSpace(source, i);
      let k = j;
      while (k < n && /\s/.test(source[k] as string)) k++;
      if (CALLEES.has(word) && prev !== '.' && source[k] === '(') {
        let a = k + 1;
        while (a < n && /\s/.test(source[a] as string)) a++;
        const name = literalAt(source, a);
        open.push({ callee: word, name, start: i, depth });
        depth++;
        i = k + 1;
        lastSignificant = '(';
        continue;
      }
      i = j;
      lastSignificant = word;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      const top = open[open.length - 1];
      if (top && top.depth === depth) {
        open.pop();
        if (top.name === undefined) unnamed.push(position(top.start));
        if (top.name !== undefined && !GROUPS.has(top.callee)) {
          const groups = open.filter((o) => GROUPS.has(o.callee) && o.name !== undefined).map((o) => o.name as string);
          const { line, column } = position(top.start);
          out.push({
            test: { name: [...groups, top.name].join(' > '), line, column, code: source.slice(top.start, i + 1) },
            order: top.start,
          });
        }
      }
    }
    if (!/\s/.test(c)) lastSignificant = c;
    i++;
  }
  return { declared: out.sort((a, b) => a.order - b.order).map((o) => o.test), unnamed };
}

function previousNonSpace(s: string, i: number): string {
  let j = i - 1;
  while (j >= 0 && /\s/.test(s[j] as string)) j--;
  return j >= 0 ? (s[j] as string) : '';
}

function skipString(s: string, i: number): number {
  const quote = s[i];
  let j = i + 1;
  while (j < s.length) {
    const c = s[j];
    if (c === '\\') j += 2;
    else if (c === quote) return j + 1;
    else if (quote === '`' && c === '$' && s[j + 1] === '{') {
      // Skip the substitution, which may itself hold strings and braces.
      let braces = 1;
      j += 2;
      while (j < s.length && braces > 0) {
        const d = s[j];
        if (d === '"' || d === "'" || d === '`') {
          j = skipString(s, j);
          continue;
        }
        if (d === '{') braces++;
        else if (d === '}') braces--;
        j++;
      }
    } else j++;
  }
  return s.length;
}

function skipRegex(s: string, i: number): number {
  let j = i + 1;
  let inClass = false;
  while (j < s.length && s[j] !== '\n') {
    const c = s[j];
    if (c === '\\') j += 2;
    else if (c === '/' && !inClass) return j + 1;
    else {
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      j++;
    }
  }
  return j;
}

/** The value of a string literal starting at `i`, or undefined (not a literal, or a template with substitutions). */
function literalAt(s: string, i: number): string | undefined {
  const quote = s[i];
  if (quote !== '"' && quote !== "'" && quote !== '`') return undefined;
  const end = skipString(s, i);
  const body = s.slice(i + 1, end - 1);
  if (quote === '`') return body.includes('${') ? undefined : body;
  try {
    const json = quote === '"' ? body : body.replace(/\\'/g, "'").replace(/(^|[^\\])"/g, '$1\\"');
    return JSON.parse(`"${json}"`) as string;
  } catch {
    return body;
  }
}
