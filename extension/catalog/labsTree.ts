/**
 * The Labs view: book → chapter → lab → exercises. Labs already in the workspace are marked;
 * selecting a lab opens it (putting it into the workspace first if needed). Each exercise shows
 * its grading status (passed ✓ / failed / not run) and each lab `n/m exercises passed`.
 * Refreshes when lab files appear or disappear in the workspace, when the labs folder setting
 * changes, or when grading records progress.
 */
import * as vscode from 'vscode';
import { BOOKS, type BookId } from './books';
import type { CatalogStore } from './catalogStore';
import type { ExerciseManifest, LabManifest } from './labManifest';
import { exerciseStatus, labPassed, labProgressText, type LabProgressSource } from './labProgress';
import { labsFolderName, labsInWorkspace } from './labWorkspace';

export type LabsTreeNode =
  | { readonly kind: 'book'; readonly book: BookId }
  | { readonly kind: 'chapter'; readonly book: BookId; readonly chapter: number }
  | { readonly kind: 'lab'; readonly lab: LabManifest }
  | { readonly kind: 'exercise'; readonly lab: LabManifest; readonly exercise: ExerciseManifest };

const STATUS_TEXT = { passed: 'passed ✓', failed: 'failed', 'not-run': 'not run' } as const;
const STATUS_ICON = {
  passed: () => new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  failed: () => new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  'not-run': () => new vscode.ThemeIcon('circle-large-outline'),
} as const;

export class LabsTreeProvider implements vscode.TreeDataProvider<LabsTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LabsTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private present: Set<string> | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly store: CatalogStore,
    private readonly grading?: LabProgressSource,
  ) {
    if (grading) this.disposables.push(grading.onDidChangeProgress(() => this.changed.fire(undefined)));
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.lab.md', false, true, false);
    this.disposables.push(
      watcher,
      watcher.onDidCreate(() => this.refresh()),
      watcher.onDidDelete(() => this.refresh()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('ddiaLabs.labsFolder')) this.refresh();
      }),
    );
  }

  refresh(): void {
    this.present = undefined;
    this.changed.fire(undefined);
  }

  async getChildren(node?: LabsTreeNode): Promise<LabsTreeNode[]> {
    const labs = this.store.labs;
    if (!node) {
      return BOOKS.filter((b) => labs.some((l) => l.book === b.id)).map((b) => ({ kind: 'book', book: b.id }));
    }
    switch (node.kind) {
      case 'book': {
        const chapters = [...new Set(labs.filter((l) => l.book === node.book).map((l) => l.chapter))];
        return chapters.map((chapter) => ({ kind: 'chapter', book: node.book, chapter }));
      }
      case 'chapter':
        this.present ??= await labsInWorkspace(labs);
        return labs.filter((l) => l.book === node.book && l.chapter === node.chapter).map((lab) => ({ kind: 'lab', lab }));
      case 'lab':
        return node.lab.exercises.map((exercise) => ({ kind: 'exercise', lab: node.lab, exercise }));
      case 'exercise':
        return [];
    }
  }

  getTreeItem(node: LabsTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'book': {
        const book = BOOKS.find((b) => b.id === node.book);
        const item = new vscode.TreeItem(book?.title ?? node.book, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `book:${node.book}`;
        item.description = book?.author;
        item.iconPath = new vscode.ThemeIcon('book');
        item.contextValue = 'book';
        return item;
      }
      case 'chapter': {
        const title = BOOKS.find((b) => b.id === node.book)?.chapters[node.chapter] ?? '';
        const item = new vscode.TreeItem(`${node.chapter}. ${title}`, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `chapter:${node.book}:${node.chapter}`;
        item.iconPath = new vscode.ThemeIcon('bookmark');
        item.contextValue = 'chapter';
        return item;
      }
      case 'lab': {
        const inWorkspace = this.present?.has(node.lab.id) ?? false;
        const item = new vscode.TreeItem(
          node.lab.title,
          node.lab.exercises.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        );
        item.id = `lab:${node.lab.id}`;
        const { passed } = labPassed(this.grading, node.lab);
        const progress = inWorkspace || passed > 0 ? labProgressText(this.grading, node.lab) : undefined;
        item.description = [inWorkspace ? 'in workspace' : '', progress ?? ''].filter(Boolean).join(' · ') || undefined;
        item.tooltip = new vscode.MarkdownString(
          `**${node.lab.title}**\n\n${node.lab.summary}\n\n${inWorkspace ? `In your workspace under \`${labsFolderName()}/${node.lab.id}/\`.` : 'Not started yet: opening it copies it into your workspace.'}`,
        );
        item.iconPath = new vscode.ThemeIcon(inWorkspace ? 'notebook' : 'beaker');
        item.contextValue = 'lab';
        item.command = { command: 'ddiaLabs.openLabFromTree', title: 'Open Lab', arguments: [node] };
        item.accessibilityInformation = {
          label: `${node.lab.title}${inWorkspace ? ', in workspace' : ''}${progress ? `, ${progress}` : ''}`,
        };
        return item;
      }
      case 'exercise': {
        const item = new vscode.TreeItem(node.exercise.title, vscode.TreeItemCollapsibleState.None);
        item.id = `exercise:${node.lab.id}/${node.exercise.id}`;
        const status = exerciseStatus(this.grading, node.lab.id, node.exercise.id);
        const files = node.exercise.starter.join(', ');
        item.description = `${STATUS_TEXT[status]} · ${files}`;
        item.tooltip = `${node.exercise.title} (${files}): ${STATUS_TEXT[status]}`;
        item.iconPath = STATUS_ICON[status]();
        item.contextValue = 'exercise';
        item.accessibilityInformation = { label: `${node.exercise.title}, ${STATUS_TEXT[status]}` };
        return item;
      }
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
