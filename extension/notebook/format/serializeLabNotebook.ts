/**
 * Notebook cells → lab file bytes, the inverse of parseLabNotebook. Cells keep the blank lines
 * and fences they were read with; cells the user added get one blank line around them. Problem
 * cells are never written. If the file was read lossily (see LabFileLayout.original) and the
 * text is unchanged, the original bytes are written back.
 */
import { createHash } from 'node:crypto';
import type { LabCell, LabFileLayout } from './cellLayout';

export function serializeLabText(cells: readonly LabCell[], file: LabFileLayout): string {
  let out = file.frontMatter;
  let lastWasNew = false;
  for (const cell of cells) {
    if (cell.problem) continue;
    const layout = cell.layout;
    if (layout) {
      out += layout.before + renderCell(cell) + layout.after;
      lastWasNew = false;
    } else {
      // A cell the user added: separate it from what precedes it by one blank line.
      if (out.length > 0) out += out.endsWith('\n\n') ? '' : out.endsWith('\n') ? '\n' : '\n\n';
      out += renderCell(cell);
      lastWasNew = true;
    }
  }
  if (lastWasNew && !out.endsWith('\n')) out += '\n';
  const withEol = file.eol === '\r\n' ? out.replace(/\n/g, '\r\n') : out;
  return (file.bom ? '\ufeff' : '') + withEol;
}

export function serializeLabNotebook(cells: readonly LabCell[], file: LabFileLayout): Uint8Array {
  const text = serializeLabText(cells, file);
  if (file.original && createHash('sha256').update(text).digest('hex') === file.original.textHash) {
    return new Uint8Array(Buffer.from(file.original.base64, 'base64'));
  }
  return new TextEncoder().encode(text);
}

function renderCell(cell: LabCell): string {
  if (cell.kind === 'markdown') return cell.value;
  const fence = cell.layout?.fence;
  const value = cell.value.replace(/\r\n/g, '\n');
  if (!fence) {
    // A new code cell: choose a fence longer than any backtick run inside the code.
    const longest = Math.max(2, ...[...value.matchAll(/`+/g)].map((m) => m[0].length));
    const ticks = '`'.repeat(longest + 1);
    const attrs = cell.id ? ` id=${cell.id}` : '';
    return `${ticks}ts${attrs}\n${value}${value.endsWith('\n') || value === '' ? '' : '\n'}${ticks}`;
  }
  // A closed block needs a newline before its closing fence once it has content, even if it
  // was read empty; otherwise the code keeps exactly the ending it was read with.
  const trailing = fence.innerNewline || (fence.close !== null && value !== '') ? '\n' : '';
  return `${fence.open}${fence.info}${fence.openNewline ? '\n' : ''}${value}${trailing}${fence.close ?? ''}`;
}
