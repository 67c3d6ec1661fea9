/**
 * Flame graphs in a real VS Code. Goal: the glue works end to end — a `.folded` file opens in
 * our custom editor, the webview imports it, search and zoom act on the drawn view, and a frame
 * click opens its source. Method: the view is driven through its test-only message hooks (the
 * `ddiaLabs.flame.testAction` command posts `search`/`zoom`/`key`/`openFrame` to the newest
 * flame webview and returns the state the webview reports). Expected values are computed from
 * the same corpus file with the pure model, independently of the webview.
 * Inputs: speedscope's corpus `perf-vertx-stacks-01-collapsed-all.txt` (a real perf recording
 * of Vert.x, copied to test/fixtures/flame), and a real V8 profile recorded here with
 * `node --cpu-prof` of a small script, so its frames point at a file in the workspace.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { FlameTestAnswer } from '../../extension/flame/registerFlame';
import { importProfile } from '../../extension/perf/import/importProfile';
import { mergedCallTree } from '../../extension/perf/model/callTree';
import type { FlameTestAction } from '../../extension/views/flame/flameMessages';
import { searchTree } from '../../extension/views/flame/search';
import { EXTENSION_ID, extensionApi, waitFor } from './util';

const FIXTURE = 'perf-vertx-stacks-01.folded';

function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run opens a workspace folder');
  return folder.uri.fsPath;
}

function fixture(name: string): string {
  const ext = vscode.extensions.getExtension(EXTENSION_ID) as vscode.Extension<unknown>;
  return path.join(ext.extensionPath, 'test', 'fixtures', 'flame', name);
}

function act(action: FlameTestAction): Thenable<FlameTestAnswer> {
  return vscode.commands.executeCommand<FlameTestAnswer>('ddiaLabs.flame.testAction', action);
}

/** Polls the newest flame view until it has imported its profile (or failed). */
async function settled(): Promise<FlameTestAnswer> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const a = await act({ kind: 'state' });
      if (a.state.status !== 'loading') return a;
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
    if (Date.now() > deadline) throw new Error('the flame graph did not finish loading in 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

function activeCustomViewType(): string | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom ? input.viewType : undefined;
}

describe('flame graphs: profile editor', function () {
  this.timeout(180_000);

  before(async () => {
    await extensionApi();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a .folded file in the flame graph editor; search and zoom work in the webview', async () => {
    const file = path.join(workspaceDir(), FIXTURE);
    fs.copyFileSync(fixture(FIXTURE), file);
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file));
    await waitFor('our custom editor', () => activeCustomViewType() === 'ddiaLabs.profileEditor');
    const loaded = await settled();
    assert.equal(loaded.state.status, 'ready', loaded.state.error);
    assert.equal(loaded.state.mode, 'merged');
    assert.ok(loaded.state.drawnRects > 0, 'the canvas drew boxes');

    // The same numbers from the pure model, computed here without the webview.
    const imported = importProfile(fs.readFileSync(file), FIXTURE);
    assert.equal(imported.kind, 'ok');
    const profile = imported.kind === 'ok' ? imported.group.profiles[0]! : undefined!;
    const tree = mergedCallTree(profile);
    const expected = searchTree(profile.frames, tree, /vertx/i);
    assert.ok(expected.share > 0 && expected.share < 1, 'the pattern matches part of the profile');

    const searched = await act({ kind: 'search', pattern: 'vertx' });
    assert.ok(searched.state.search, 'the view reports a search');
    assert.equal(searched.state.search.matchedFrames, expected.matchedFrames);
    assert.ok(Math.abs(searched.state.search.share - expected.share) < 1e-12, `share ${searched.state.search.share} vs ${expected.share}`);

    // Zoom into the heaviest second-level call: the breadcrumbs are its path.
    const target = tree.nodes.find((n) => n.depth === 1)!;
    const targetName = profile.frames[target.frame]!.name;
    const rootName = profile.frames[tree.nodes[target.parent]!.frame]!.name;
    const zoomed = await act({ kind: 'zoom', frameName: targetName });
    assert.equal(zoomed.state.zoomedFrame, targetName);
    assert.deepEqual(zoomed.state.breadcrumbs, [rootName, targetName]);

    // Keyboard: Down goes to the first (heaviest) child in icicle orientation, Escape resets.
    const down = await act({ kind: 'key', key: 'ArrowDown' });
    const child = tree.nodes.find((n) => n.parent === tree.nodes.indexOf(target))!;
    assert.equal(down.state.selectedFrame, profile.frames[child.frame]!.name);
    const reset = await act({ kind: 'key', key: 'Escape' });
    assert.equal(reset.state.zoomedFrame, null);
  });

  it('a Ctrl+click on a frame of a real V8 profile opens its source beside', async () => {
    const dir = workspaceDir();
    const script = path.join(dir, 'spin.js');
    fs.writeFileSync(
      script,
      [
        "'use strict';",
        'function spinHashes(ms) {',
        '  const end = Date.now() + ms;',
        '  let h = 0;',
        '  while (Date.now() < end) for (let i = 0; i < 1000; i++) h = (h * 31 + i) | 0;',
        '  return h;',
        '}',
        'console.log(spinHashes(400));',
        '',
      ].join('\n'),
    );
    // Asynchronously: a synchronous child would block the extension host while it records.
    await promisify(execFile)(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', 'spin.cpuprofile', script], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      timeout: 30_000,
    });
    const profileUri = vscode.Uri.file(path.join(dir, 'spin.cpuprofile'));
    await vscode.commands.executeCommand('ddiaLabs.openProfile', profileUri);
    await waitFor('our custom editor', () => activeCustomViewType() === 'ddiaLabs.profileEditor.cpuprofile');
    const loaded = await settled();
    assert.equal(loaded.state.status, 'ready', loaded.state.error);
    const clicked = await act({ kind: 'openFrame', frameName: 'spinHashes' });
    const opened = await waitFor('the source editor', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.fsPath === script ? e : undefined;
    });
    assert.equal(opened.selection.active.line, 1, 'the cursor is on the line of `function spinHashes`');
    assert.ok(clicked.state.status === 'ready');
  });

  it('a corrupt profile shows an error naming the problem, and nothing crashes', async () => {
    const file = path.join(workspaceDir(), 'broken.speedscope.json');
    fs.writeFileSync(file, '{"$schema": "https://www.speedscope.app/file-format-schema.json", "shared": {"frames": [');
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file));
    await waitFor('our custom editor', () => activeCustomViewType() === 'ddiaLabs.profileEditor');
    const answer = await settled();
    assert.equal(answer.state.status, 'error');
    assert.match(answer.state.error ?? '', /broken\.speedscope\.json: speedscope: .*JSON/i);
    // The extension still answers commands.
    assert.ok((await vscode.commands.getCommands(true)).includes('ddiaLabs.compareProfiles'));
  });
});
