/**
 * The notebook controller: runs lab cells in one kernel process per open notebook (Jupyter's
 * model). The extension host only forwards messages, so it stays responsive, and alive, whatever
 * a cell does. Handles execution order and timing, streaming output, interrupts (the Stop
 * button), time and memory limits (settings), Workspace Trust (nothing runs in a restricted
 * workspace), and restarts. A trusted notebook's kernel is started when the notebook opens, so
 * the first cell does not wait for a process to start.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { KernelClient, kernelEntryPath, type CellOutcome } from './kernelClient';
import { NOTEBOOK_TYPE } from './labSerializer';
import { toErrorOutput, toNotebookOutput } from './outputsToVscode';
import { clampToBounds, MEMORY_LIMIT_MB, TIME_LIMIT_SECONDS } from '../util/limits';
import { restrictedModeMessage } from '../util/workspaceTrust';
import type { OutputBundle } from '../views/notebook/outputBundle';

export const CONTROLLER_ID = 'ddia-labs-kernel';

export class LabController implements vscode.Disposable {
  private readonly controller: vscode.NotebookController;
  private readonly kernels = new Map<string, KernelClient>();
  private readonly disposables: vscode.Disposable[] = [];
  private executionOrder = 0;
  /** Notebooks whose current batch was interrupted: their remaining queued cells are skipped. */
  private readonly interrupted = new Set<string>();

  constructor(private readonly extensionPath: string) {
    this.controller = vscode.notebooks.createNotebookController(CONTROLLER_ID, NOTEBOOK_TYPE, 'DDIA Labs (TypeScript)');
    this.controller.supportedLanguages = ['typescript'];
    this.controller.supportsExecutionOrder = true;
    this.controller.description = 'Runs cells in a kernel process per notebook';
    this.controller.executeHandler = (cells, notebook) => this.execute(cells, notebook);
    this.controller.interruptHandler = (notebook) => {
      this.interrupt(notebook);
    };
    for (const nb of vscode.workspace.notebookDocuments) {
      this.prefer(nb);
      this.prewarm(nb);
    }
    this.disposables.push(
      this.controller,
      // Ours is the kernel for lab notebooks: say so, so Run All never stops at a kernel picker.
      vscode.workspace.onDidOpenNotebookDocument((nb) => {
        this.prefer(nb);
        this.prewarm(nb);
      }),
      vscode.workspace.onDidCloseNotebookDocument((nb) => {
        const key = nb.uri.toString();
        void this.kernels.get(key)?.dispose();
        this.kernels.delete(key);
      }),
    );
  }

  /** True once the user has been told that a restricted workspace runs no lab code. */
  restrictedNoticeShown = false;

  /** Number of kernels created so far (none in a restricted workspace). */
  get kernelCount(): number {
    return this.kernels.size;
  }

  private prefer(notebook: vscode.NotebookDocument): void {
    if (notebook.notebookType !== NOTEBOOK_TYPE) return;
    this.controller.updateNotebookAffinity(notebook, vscode.NotebookControllerAffinity.Preferred);
    if (!vscode.workspace.isTrusted && !this.restrictedNoticeShown) {
      // VS Code itself asks for trust before running any cell; we say up front why nothing runs.
      this.restrictedNoticeShown = true;
      const manage = 'Manage Workspace Trust';
      void vscode.window
        .showWarningMessage(
          'DDIA Labs: this workspace is in Restricted Mode, so lab cells and exercise tests will not run until you trust it.',
          manage,
        )
        .then((a) => (a === manage ? vscode.commands.executeCommand('workbench.trust.manage') : undefined));
    }
  }

  /** Starts a trusted lab notebook's kernel process ahead of its first cell. */
  private prewarm(notebook: vscode.NotebookDocument): void {
    if (notebook.notebookType !== NOTEBOOK_TYPE || !vscode.workspace.isTrusted) return;
    this.kernelFor(notebook).prewarm();
  }

  private kernelFor(notebook: vscode.NotebookDocument): KernelClient {
    const key = notebook.uri.toString();
    let kernel = this.kernels.get(key);
    if (!kernel) {
      const config = vscode.workspace.getConfiguration('ddiaLabs.kernel', notebook.uri);
      kernel = new KernelClient({
        kernelPath: kernelEntryPath(path.join(this.extensionPath, 'dist')),
        labDir: notebook.uri.scheme === 'file' ? path.dirname(notebook.uri.fsPath) : this.extensionPath,
        // VS Code hands over out-of-range values (it only warns in the settings editor): clamp.
        timeLimitMs: clampToBounds(config.get<unknown>('timeLimitSeconds'), TIME_LIMIT_SECONDS, 60) * 1000,
        memoryLimitMb: clampToBounds(config.get<unknown>('memoryLimitMb'), MEMORY_LIMIT_MB, 1024),
      });
      this.kernels.set(key, kernel);
    }
    return kernel;
  }

  interrupt(notebook: vscode.NotebookDocument): boolean {
    this.interrupted.add(notebook.uri.toString());
    return this.kernels.get(notebook.uri.toString())?.interrupt() ?? false;
  }

  async restart(notebook: vscode.NotebookDocument): Promise<void> {
    const kernel = this.kernels.get(notebook.uri.toString());
    await kernel?.restart();
    this.prewarm(notebook);
  }

  private async execute(cells: vscode.NotebookCell[], notebook: vscode.NotebookDocument): Promise<void> {
    const key = notebook.uri.toString();
    this.interrupted.delete(key);
    for (const cell of cells) {
      if (this.interrupted.has(key)) break;
      await this.executeCell(cell, notebook);
    }
  }

  private async executeCell(cell: vscode.NotebookCell, notebook: vscode.NotebookDocument): Promise<void> {
    const execution = this.controller.createNotebookCellExecution(cell);
    execution.executionOrder = ++this.executionOrder;
    execution.start(Date.now());
    await execution.clearOutput();
    if (!vscode.workspace.isTrusted) {
      await execution.replaceOutput(
        toErrorOutput({
          name: 'RestrictedMode',
          message: restrictedModeMessage('run lab cells'),
          stack: '',
        }),
      );
      execution.end(false, Date.now());
      return;
    }
    const kernel = this.kernelFor(notebook);
    const cancel = execution.token.onCancellationRequested(() => this.interrupt(notebook));
    // Consecutive prints share one output, appended to as the cell runs.
    let streamOutput: { stream: 'stdout' | 'stderr'; output: vscode.NotebookCellOutput } | undefined;
    let writes = Promise.resolve();
    const enqueue = (fn: () => Thenable<void>): void => {
      writes = writes.then(fn, fn);
    };
    // Outputs shown under a displayId in this run: showing that id again replaces it in place.
    const byDisplayId = new Map<string, vscode.NotebookCellOutput>();
    const show = (bundle: OutputBundle): void => {
      const known = bundle.displayId === undefined ? undefined : byDisplayId.get(bundle.displayId);
      const fresh = toNotebookOutput(bundle);
      if (known) {
        enqueue(() => execution.replaceOutputItems(fresh.items, known));
        return;
      }
      streamOutput = undefined;
      if (bundle.displayId !== undefined) byDisplayId.set(bundle.displayId, fresh);
      enqueue(() => execution.appendOutput(fresh));
    };
    let outcome: CellOutcome;
    try {
      const id = (cell.metadata?.['ddiaLabs'] as { id?: string } | undefined)?.id;
      outcome = await kernel.run(cell.document.getText(), id ? `cell ${id}` : `Cell ${cell.index + 1}`, {
        stream: (stream, text) => {
          const item = stream === 'stdout' ? vscode.NotebookCellOutputItem.stdout(text) : vscode.NotebookCellOutputItem.stderr(text);
          if (streamOutput && streamOutput.stream === stream) {
            const target = streamOutput.output;
            enqueue(() => execution.appendOutputItems(item, target));
          } else {
            const output = new vscode.NotebookCellOutput([item]);
            streamOutput = { stream, output };
            enqueue(() => execution.appendOutput(output));
          }
        },
        display: (bundle) => show(bundle),
        update: (bundle) => show(bundle),
      });
    } finally {
      cancel.dispose();
    }
    await writes;
    if (outcome.status === 'ok') {
      if (outcome.result) {
        show(outcome.result);
        await writes;
      }
      execution.end(true, Date.now());
    } else {
      await execution.appendOutput(toErrorOutput(outcome.error));
      execution.end(false, Date.now());
      // Like Jupyter, a failing cell stops the rest of a Run All: later cells usually need it.
      this.interrupted.add(notebook.uri.toString());
    }
  }

  dispose(): void {
    for (const k of this.kernels.values()) void k.dispose();
    this.kernels.clear();
    for (const d of this.disposables) d.dispose();
  }
}
