/**
 * Lab file (`*.lab.md`) → notebook cells. The file is Markdown with YAML front matter; fenced
 * ` ```ts ` (or `typescript`) blocks at the start of a line become code cells, everything else —
 * including ` ```mermaid ` blocks, which the markdown renderer draws — stays Markdown. Parsing
 * never fails: problems (unclosed fences, bad front matter, bytes that are not UTF-8) are listed
 * in a marked problem cell, and the layout kept in metadata makes saving an unchanged notebook
 * byte-identical. Linear in the size of the file.
 *
 * This parser is deliberately forgiving; what may be opened or run at all is decided before it,
 * by validateLabFile.ts (the serializer and `ddia-labs run` reject malformed files there).
 */
import { createHash } from 'node:crypto';
import { parseDocument } from 'yaml';
import { findFrontMatter } from '../../catalog/frontMatter';
import { CODE_FENCE_LANGUAGES, type FormatProblem, type LabCell, type LabFileLayout, type LabNotebook } from './cellLayout';
import { parseInfoString } from './infoString';
import { serializeLabText } from './serializeLabNotebook';

const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;

export function parseLabNotebook(bytes: Uint8Array): LabNotebook {
  const problems: FormatProblem[] = [];
  let decoded: string;
  let validUtf8 = true;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    validUtf8 = false;
    decoded = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
  }
  const bom = decoded.charCodeAt(0) === 0xfeff;
  const withoutBom = bom ? decoded.slice(1) : decoded;
  const crlf = (withoutBom.match(/\r\n/g) ?? []).length;
  const lf = (withoutBom.match(/\n/g) ?? []).length;
  const eol: '\n' | '\r\n' = crlf > 0 && crlf * 2 >= lf ? '\r\n' : '\n';
  const text = withoutBom.replace(/\r\n/g, '\n');

  if (!validUtf8)
    problems.push({
      line: lineOfOffset(decoded, decoded.indexOf('\ufffd')),
      message: 'the file is not valid UTF-8; unreadable bytes are shown as �',
      kind: 'encoding',
    });
  const nul = text.indexOf('\u0000');
  if (nul !== -1)
    problems.push({
      line: lineOfOffset(text, nul),
      message: 'the file contains binary data (NUL bytes); is this really a lab file?',
      kind: 'encoding',
    });

  let frontMatter = '';
  let bodyStart = 0;
  const fm = findFrontMatter(text);
  if (fm.kind === 'found') {
    frontMatter = text.slice(0, fm.block.bodyOffset);
    bodyStart = fm.block.bodyOffset;
    const doc = parseDocument(fm.block.yaml);
    for (const err of doc.errors) {
      problems.push({
        line: fm.block.firstLine + countNewlines(fm.block.yaml.slice(0, err.pos[0])),
        message: `front matter: ${err.message.split('\n')[0]}`,
        kind: 'front-matter',
      });
    }
  } else if (fm.kind === 'unterminated') {
    problems.push({
      line: 1,
      message: "front matter opened with '---' is never closed; the whole file is shown as Markdown",
      kind: 'front-matter',
    });
  }

  const cells = parseBody(text, bodyStart, problems);
  const file: LabFileLayout = { frontMatter, eol, bom };
  const rendered = serializeLabText(cells, file);
  const lossy = rendered !== decoded || !validUtf8;
  const withOriginal: LabFileLayout = lossy
    ? { ...file, original: { base64: Buffer.from(bytes).toString('base64'), textHash: hashText(rendered) } }
    : file;
  if (lossy && validUtf8)
    problems.push({ line: 1, message: 'the file mixes line endings; they are kept as they are unless you edit it', kind: 'line-endings' });
  const problemCell: LabCell[] = problems.length > 0 ? [{ kind: 'markdown', value: describeProblems(problems), problem: true }] : [];
  return { cells: [...problemCell, ...cells], file: withOriginal, problems };
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function describeProblems(problems: readonly FormatProblem[]): string {
  const lines = problems.map((p) => `- line ${p.line}: ${p.message}`);
  return `> **⚠ This lab file has ${problems.length === 1 ? 'a problem' : 'problems'}** (this note is not part of the file and is not saved)\n>\n${lines.map((l) => `> ${l}`).join('\n')}\n>\n> Nothing you wrote is dropped: saving keeps the file's text as it is.`;
}

function parseBody(text: string, start: number, problems: FormatProblem[]): LabCell[] {
  const cells: LabCell[] = [];
  let segmentStart = start;
  let pos = start;
  let line = 1 + countNewlines(text.slice(0, start));
  let pendingGap = '';

  const flushMarkdown = (end: number): void => {
    const segment = pendingGap + text.slice(segmentStart, end);
    pendingGap = '';
    if (segment.trim() === '') {
      pendingGap = segment;
      return;
    }
    const m = /^((?:[ \t]*\n)*)([\s\S]*?)((?:\n[ \t]*)*)$/.exec(segment) as RegExpExecArray;
    cells.push({ kind: 'markdown', value: m[2] as string, layout: { before: m[1] as string, after: m[3] as string } });
  };

  while (pos < text.length) {
    const eolAt = text.indexOf('\n', pos);
    const lineEnd = eolAt === -1 ? text.length : eolAt;
    const open = FENCE_OPEN.exec(text.slice(pos, lineEnd));
    if (!open) {
      pos = lineEnd + 1;
      line++;
      continue;
    }
    const fenceChars = open[1] as string;
    const info = open[2] as string;
    const { language, attributes } = parseInfoString(info);
    const isBacktickInfoInvalid = fenceChars[0] === '`' && info.includes('`');
    // Find the closing fence: same character, at least as long, nothing else on the line.
    const closeRe = new RegExp(`^${fenceChars[0] === '`' ? '`' : '~'}{${fenceChars.length},}[ \\t]*$`);
    let scan = eolAt === -1 ? text.length : eolAt + 1;
    let closeStart = -1;
    let closeEnd = -1;
    let scanLine = line + 1;
    while (scan < text.length) {
      const e = text.indexOf('\n', scan);
      const end = e === -1 ? text.length : e;
      if (closeRe.test(text.slice(scan, end))) {
        closeStart = scan;
        closeEnd = end;
        break;
      }
      scan = end + 1;
      scanLine++;
    }
    if (isBacktickInfoInvalid || !CODE_FENCE_LANGUAGES.has(language)) {
      // Another language's block (or not a fence): it stays inside the Markdown.
      if (closeStart === -1) break;
      pos = closeEnd + 1;
      line = scanLine + 1;
      continue;
    }
    flushMarkdown(pos);
    const innerStart = eolAt === -1 ? text.length : eolAt + 1;
    const innerEnd = closeStart === -1 ? text.length : closeStart;
    const inner = text.slice(innerStart, innerEnd);
    const innerNewline = inner.endsWith('\n');
    if (closeStart === -1)
      problems.push({
        line,
        message: `the code block opened here with ${fenceChars} is never closed; it runs to the end of the file`,
        kind: 'fence',
      });
    const { id, ...options } = attributes;
    cells.push({
      kind: 'code',
      value: innerNewline ? inner.slice(0, -1) : inner,
      layout: {
        before: pendingGap,
        after: '',
        fence: {
          open: fenceChars,
          info,
          openNewline: eolAt !== -1,
          close: closeStart === -1 ? null : text.slice(closeStart, closeEnd),
          innerNewline,
        },
      },
      ...(id !== undefined ? { id } : {}),
      ...(Object.keys(options).length > 0 ? { options } : {}),
    });
    pendingGap = '';
    if (closeStart === -1) {
      pos = text.length;
      segmentStart = text.length;
      break;
    }
    pos = closeEnd;
    segmentStart = closeEnd;
    line = scanLine;
    // Continue scanning at the newline that ends the closing fence (it belongs to what follows).
    if (pos < text.length) {
      pos += 1;
      line += 1;
    }
  }
  flushMarkdown(text.length);
  if (pendingGap) {
    const last = cells.pop();
    if (last)
      cells.push({
        ...last,
        layout: {
          before: last.layout?.before ?? '',
          after: (last.layout?.after ?? '') + pendingGap,
          ...(last.layout?.fence ? { fence: last.layout.fence } : {}),
        },
      });
    else cells.push({ kind: 'markdown', value: '', layout: { before: pendingGap, after: '' } });
  }
  return cells;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function lineOfOffset(s: string, offset: number): number {
  return offset < 0 ? 1 : 1 + countNewlines(s.slice(0, offset));
}
