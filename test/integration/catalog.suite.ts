/**
 * Foundation journeys inside a real VS Code: the extension activates (and reports how long that
 * took), its commands are registered, the catalog lists every lab, and Open Lab puts a lab into
 * the workspace and opens its lab file in an editor.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DdiaLabsApi } from '../../extension/activate';

const EXTENSION_ID = 'ddia-labs.ddia-labs';

async function api(): Promise<DdiaLabsApi> {
  const ext = vscode.extensions.getExtension<DdiaLabsApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  return ext.activate();
}

function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run opens a workspace folder');
  return folder.uri.fsPath;
}

describe('foundation: activation and catalog', () => {
  it('activates and reports its activation time', async () => {
    const a = await api();
    assert.equal(typeof a.activationMs, 'number');
    console.log(`      activation took ${a.activationMs.toFixed(2)} ms in the real extension host`);
  });

  it('registers the DDIA Labs commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['ddiaLabs.openLab', 'ddiaLabs.showCatalog', 'ddiaLabs.refreshLabs', 'ddiaLabs.openLabFromTree']) {
      assert.ok(commands.includes(id), `command ${id} is registered`);
    }
  });

  it('the catalog lists every lab folder shipped with the extension', async () => {
    const a = await api();
    const ext = vscode.extensions.getExtension(EXTENSION_ID) as vscode.Extension<unknown>;
    const folders = fs
      .readdirSync(path.join(ext.extensionPath, 'labs'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    assert.deepEqual(a.catalog.labs.map((l) => l.id).sort(), folders);
    for (const lab of a.catalog.labs) {
      assert.ok(lab.title && lab.summary && lab.chapterTitle, `${lab.id} has title, summary and chapter title`);
    }
  });

  it('Open Lab copies the lab into ddia-labs/<id>/ and opens the lab file', async () => {
    const a = await api();
    const lab = a.catalog.labs.find((l) => l.exercises.length > 0) ?? a.catalog.labs[0];
    assert.ok(lab);
    await vscode.commands.executeCommand('ddiaLabs.openLab', lab.id);
    const dir = path.join(workspaceDir(), 'ddia-labs', lab.id);
    const labFile = path.join(dir, lab.labFile);
    assert.ok(fs.existsSync(labFile), `${labFile} exists`);
    for (const ex of lab.exercises) for (const s of ex.starter) assert.ok(fs.existsSync(path.join(dir, s)), `starter ${s} copied`);
    for (const ex of lab.exercises)
      for (const t of ex.tests) assert.ok(!fs.existsSync(path.join(dir, t)), `built-in test ${t} is not copied`);
    const opened = [
      vscode.window.activeTextEditor?.document.uri.fsPath,
      vscode.window.activeNotebookEditor?.notebook.uri.fsPath,
      ...vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => (t.input as { uri?: vscode.Uri } | undefined)?.uri?.fsPath)),
    ];
    assert.ok(opened.includes(labFile), `the lab file is open (open: ${opened.filter(Boolean).join(', ')})`);
  });

  it('opening a started lab again keeps the user’s edits when nothing differs from the originals', async () => {
    const a = await api();
    const lab = a.catalog.labs[0];
    assert.ok(lab);
    await vscode.commands.executeCommand('ddiaLabs.openLab', lab.id);
    const labFile = path.join(workspaceDir(), 'ddia-labs', lab.id, lab.labFile);
    const before = fs.readFileSync(labFile, 'utf8');
    await vscode.commands.executeCommand('ddiaLabs.openLab', lab.id);
    assert.equal(fs.readFileSync(labFile, 'utf8'), before);
  });
});

describe('foundation: IntelliSense in exercise files', function () {
  this.timeout(120_000);

  it('Open Lab writes tsconfig.json and type declarations, and hover on the SDK shows its signature', async () => {
    const a = await api();
    await vscode.commands.executeCommand('ddiaLabs.openLab', 'hash-index-log');
    const labsRoot = path.join(workspaceDir(), 'ddia-labs');
    assert.ok(fs.existsSync(path.join(labsRoot, 'tsconfig.json')), 'tsconfig.json written');
    assert.ok(fs.existsSync(path.join(labsRoot, 'node_modules', 'ddia-labs', 'sdk', 'index.d.ts')), 'SDK declarations copied');
    void a;
    const scratch = path.join(labsRoot, 'hash-index-log', 'scratch-intellisense.ts');
    fs.writeFileSync(scratch, "import { display } from 'ddia-labs';\ndisplay(1);\n");
    try {
      const doc = await vscode.workspace.openTextDocument(scratch);
      await vscode.window.showTextDocument(doc);
      const position = new vscode.Position(1, 2);
      let text = '';
      const deadline = Date.now() + 90_000;
      // The TypeScript server needs a while to start; ask until it answers.
      while (Date.now() < deadline) {
        const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position)) ?? [];
        text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
        if (/display\(value: unknown\): void/.test(text)) break;
        await new Promise((r) => setTimeout(r, 1000));
      }
      assert.match(text, /display\(value: unknown\): DisplayHandle/, `hover: ${text}`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      fs.rmSync(scratch, { force: true });
    }
  });
});

describe('foundation: the labs folder setting stays inside the workspace', function () {
  this.timeout(60_000);
  const setLabsFolder = (value: string | undefined): Thenable<void> =>
    vscode.workspace.getConfiguration('ddiaLabs').update('labsFolder', value, vscode.ConfigurationTarget.Workspace);

  afterEach(async () => {
    await setLabsFolder(undefined);
  });

  it("Open Lab refuses '../../x' and an absolute path, naming the setting and the value, and writes nothing", async () => {
    const a = await api();
    const escaped = path.resolve(workspaceDir(), '../../x');
    const existedBefore = fs.existsSync(escaped);
    await setLabsFolder('../../x');
    await assert.rejects(
      a.openLabById('use-method'),
      /Setting ddiaLabs\.labsFolder is '\.\.\/\.\.\/x', which DDIA Labs cannot use: it goes up with '\.\.'/,
    );
    if (!existedBefore) assert.ok(!fs.existsSync(escaped), `${escaped} was not created`);
    const absolute = path.join(path.dirname(workspaceDir()), 'ddia-abs-labs');
    await setLabsFolder(absolute);
    await assert.rejects(
      a.openLabById('use-method'),
      /Setting ddiaLabs\.labsFolder is '.*ddia-abs-labs', which DDIA Labs cannot use: it is an absolute path/,
    );
    assert.ok(!fs.existsSync(absolute), `${absolute} was not created`);
  });

  it('Open Lab refuses a labs folder that is a symbolic link leading out of the workspace', async () => {
    const a = await api();
    const outside = fs.mkdtempSync(path.join(path.dirname(workspaceDir()), 'ddia-outside-'));
    const link = path.join(workspaceDir(), 'linked-labs');
    fs.symlinkSync(outside, link, 'dir');
    try {
      await setLabsFolder('linked-labs');
      await assert.rejects(a.openLabById('use-method'), /'linked-labs' leads outside the workspace folder through a symbolic link/);
      assert.deepEqual(fs.readdirSync(outside), [], 'nothing was written outside');
    } finally {
      fs.rmSync(link, { force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a nested folder inside the workspace works', async () => {
    const a = await api();
    await setLabsFolder('course/labs');
    try {
      const file = await a.openLabById('use-method');
      assert.equal(file?.fsPath, path.join(workspaceDir(), 'course', 'labs', 'use-method', 'use-method.lab.md'));
      assert.ok(fs.existsSync(file.fsPath));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(path.join(workspaceDir(), 'course'), { recursive: true, force: true });
    }
  });
});
