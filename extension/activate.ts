/**
 * Entry point of the extension host side. Activation only registers contributions: it reads no
 * files and loads nothing heavy (no d3, no mermaid, no engines — those live in webviews and
 * workers). The catalog is read on first use. `activate` returns a small API whose
 * `activationMs` the integration suite and the activation benchmark print.
 */
import * as vscode from 'vscode';
import { CatalogPanel } from './catalog/catalogPanel';
import { CatalogStore } from './catalog/catalogStore';
import { LabsTreeProvider, type LabsTreeNode } from './catalog/labsTree';
import { pickLab, startLab } from './catalog/openLab';
import { registerGrading, type GradingApi } from './grading/testController';
import { LabController } from './notebook/labController';
import { LabSerializer, NOTEBOOK_TYPE } from './notebook/labSerializer';
import { registerFlame } from './flame/registerFlame';
import { registerPerfViews } from './perfViews/registerPerfViews';
import type { ExtensionServices } from './services';
import { registerStepper } from './stepper/registerStepper';
import { requireWorkspaceTrust } from './util/workspaceTrust';

export interface DdiaLabsApi {
  /** Milliseconds from the start of `activate` to its return. */
  readonly activationMs: number;
  readonly catalog: CatalogStore;
  /** Grading; its `grade()` refuses (rejects) in a workspace that is not trusted, as the Testing view does. */
  readonly grading: GradingApi;
  readonly kernel: LabController;
  /** The Labs view's data provider (for tests that check what the view shows). */
  readonly labsTree: LabsTreeProvider;
  /** Puts a lab into the workspace and opens it, without the quick pick; for tests and automation. */
  openLabById(id: string): Promise<vscode.Uri | undefined>;
}

export function activate(context: vscode.ExtensionContext): DdiaLabsApi {
  const started = performance.now();
  const store = new CatalogStore(context.extensionPath);

  const reportErrors =
    <A extends unknown[]>(what: string, fn: (...args: A) => Promise<unknown>) =>
    async (...args: A): Promise<void> => {
      try {
        await fn(...args);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        void vscode.window.showErrorMessage(`DDIA Labs: ${what} failed: ${message}`);
      }
    };

  const openLabById = async (id: string): Promise<vscode.Uri | undefined> => {
    const lab = store.find(id);
    if (!lab) throw new Error(`there is no lab '${id}'`);
    const file = await startLab(store, lab);
    tree.refresh();
    return file;
  };

  const grading = registerGrading(context, store);
  const tree = new LabsTreeProvider(store, grading);
  // The controller starts no worker until a cell runs; the serializer is a pure parser.
  const kernel = new LabController(context.extensionPath);
  context.subscriptions.push(
    kernel,
    vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new LabSerializer(), { transientOutputs: true }),
    vscode.commands.registerCommand(
      'ddiaLabs.restartKernel',
      reportErrors('Restart Kernel', async () => {
        const notebook = vscode.window.activeNotebookEditor?.notebook;
        if (!notebook || notebook.notebookType !== NOTEBOOK_TYPE) {
          void vscode.window.showInformationMessage('Open a DDIA lab notebook to restart its kernel.');
          return;
        }
        await kernel.restart(notebook);
        void vscode.window.showInformationMessage(
          'DDIA Labs: kernel restarted. Variables from earlier cells are gone; run the cells again.',
        );
      }),
    ),
    tree,
    vscode.window.registerTreeDataProvider('ddiaLabs.labs', tree),
    vscode.commands.registerCommand(
      'ddiaLabs.openLab',
      reportErrors('Open Lab', async (labId?: unknown) => {
        // Other commands (and tests) may pass a lab id to skip the quick pick.
        if (typeof labId === 'string') return openLabById(labId);
        const lab = await pickLab(store, grading);
        if (lab) await openLabById(lab.id);
      }),
    ),
    vscode.commands.registerCommand(
      'ddiaLabs.openLabFromTree',
      reportErrors('Open Lab', async (node?: LabsTreeNode) => {
        if (node?.kind === 'lab') await openLabById(node.lab.id);
      }),
    ),
    vscode.commands.registerCommand(
      'ddiaLabs.showCatalog',
      reportErrors('Show Lab Catalog', async () => {
        CatalogPanel.show(context, store, reportErrors('Open Lab', openLabById));
      }),
    ),
    vscode.commands.registerCommand('ddiaLabs.refreshLabs', () => tree.refresh()),
  );

  const services: ExtensionServices = { context, store, kernel, reportErrors };
  registerFlame(services);
  registerStepper(services);
  registerPerfViews(services);

  // grade() runs the learner's code: like the Testing view's run and the notebook's cells, the
  // API refuses in a restricted workspace (checked at each call: trust can be granted later).
  const gradingApi: GradingApi = {
    ...grading,
    grade: async (labId, exerciseId) => {
      requireWorkspaceTrust(vscode.workspace.isTrusted, `grade ${labId}/${exerciseId}`);
      return grading.grade(labId, exerciseId);
    },
  };
  return { activationMs: performance.now() - started, catalog: store, grading: gradingApi, kernel, labsTree: tree, openLabById };
}

export function deactivate(): void {
  // Every resource is registered in context.subscriptions and disposed by VS Code.
}
