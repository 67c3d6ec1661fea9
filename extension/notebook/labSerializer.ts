/**
 * VS Code glue for the lab file format: NotebookSerializer over parseLabNotebook /
 * serializeLabNotebook. The round-trip layout travels in cell and notebook metadata; outputs are
 * transient (never written into the .md).
 *
 * A file that is not a lab file (validateLabFile: not UTF-8 text, too large, no or broken front
 * matter, a code block never closed) is refused: deserializing throws, VS Code shows the message
 * in place of the notebook (with "Open in Text Editor"), and since no notebook exists nothing can
 * be saved over the file. An empty file is a new lab: it opens as an empty notebook and is saved
 * with a minimal front matter, so what is saved opens again.
 */
import * as vscode from 'vscode';
import type { CellLayout, LabCell, LabFileLayout } from './format/cellLayout';
import { serializeLabNotebook } from './format/serializeLabNotebook';
import { NEW_LAB_FRONT_MATTER, openLabNotebook } from './format/validateLabFile';

export const NOTEBOOK_TYPE = 'ddia-lab';

interface CellMeta {
  readonly layout?: CellLayout;
  readonly id?: string;
  readonly options?: Readonly<Record<string, string>>;
  readonly problem?: boolean;
}

export class LabSerializer implements vscode.NotebookSerializer {
  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    const nb = openLabNotebook(content);
    const cells = nb.cells.map((c) => {
      const cell = new vscode.NotebookCellData(
        c.kind === 'code' ? vscode.NotebookCellKind.Code : vscode.NotebookCellKind.Markup,
        c.value,
        c.kind === 'code' ? 'typescript' : 'markdown',
      );
      const meta: CellMeta = {
        ...(c.layout ? { layout: c.layout } : {}),
        ...(c.id ? { id: c.id } : {}),
        ...(c.options ? { options: c.options } : {}),
        ...(c.problem ? { problem: true } : {}),
      };
      cell.metadata = { ddiaLabs: meta };
      return cell;
    });
    const data = new vscode.NotebookData(cells);
    data.metadata = { ddiaLabs: { file: nb.file, problems: nb.problems } };
    return data;
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    const file = (data.metadata?.['ddiaLabs'] as { file?: LabFileLayout } | undefined)?.file ?? {
      // A notebook made without a file (e.g. openNotebookDocument with data): save it as a new lab.
      frontMatter: NEW_LAB_FRONT_MATTER,
      eol: '\n',
      bom: false,
    };
    const cells: LabCell[] = data.cells.map((c) => {
      const meta = (c.metadata?.['ddiaLabs'] ?? {}) as CellMeta;
      return {
        kind: c.kind === vscode.NotebookCellKind.Code ? 'code' : 'markdown',
        value: c.value.replace(/\r\n/g, '\n'),
        ...(meta.layout ? { layout: meta.layout } : {}),
        ...(meta.id ? { id: meta.id } : {}),
        ...(meta.problem ? { problem: true } : {}),
      };
    });
    return serializeLabNotebook(cells, file);
  }
}
