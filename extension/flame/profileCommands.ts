/**
 * "Profile Node Script…" (V8's sampler via `node --cpu-prof`) and "System Profile (perf
 * record)…" (Linux perf, kernel and native frames included). Both run a script the learner
 * picks, with a cancellable progress notification, and open the result in the profile editor
 * (`ddiaLabs.profileEditor`). The process work lives in extension/perf/collect/, so it is
 * tested without VS Code; this file only asks, reports and opens.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { which } from '../perf/collect/childRunner';
import { runWithCpuProf } from '../perf/collect/nodeCpuProf';
import { perfEnvironment, recordWithPerf } from '../perf/collect/perfRecord';
import { describeProblem, diagnoseEnvironment, type PerfProblem } from '../perf/collect/perfRecordPlan';
import type { ExtensionServices } from '../services';
import { profileEditorViewType } from '../views/flame/flameMessages';
import { requireWorkspaceTrust } from '../util/workspaceTrust';

export const PROFILE_NODE_SCRIPT_COMMAND = 'ddiaLabs.profileNodeScript';
export const SYSTEM_PROFILE_COMMAND = 'ddiaLabs.systemProfile';

export function registerProfileCommands(services: ExtensionServices): void {
  services.context.subscriptions.push(
    vscode.commands.registerCommand(
      PROFILE_NODE_SCRIPT_COMMAND,
      services.reportErrors('Profile Node Script', (arg?: unknown) => profileNodeScript(services, arg)),
    ),
    vscode.commands.registerCommand(
      SYSTEM_PROFILE_COMMAND,
      services.reportErrors('System Profile', (arg?: unknown) => systemProfile(services, arg)),
    ),
  );
}

/** The script: the Uri argument (explorer, tests), the active JS editor, or a file dialog. */
async function chooseScript(arg: unknown, title: string): Promise<string | undefined> {
  if (arg instanceof vscode.Uri) return arg.fsPath;
  if (typeof arg === 'string') return arg;
  const active = vscode.window.activeTextEditor?.document;
  const defaultUri = active && /\.[cm]?js$/.test(active.fileName) ? active.uri : vscode.workspace.workspaceFolders?.[0]?.uri;
  const picked = await vscode.window.showOpenDialog({
    title,
    openLabel: 'Profile',
    canSelectMany: false,
    defaultUri,
    filters: { JavaScript: ['js', 'cjs', 'mjs'] },
  });
  return picked?.[0]?.fsPath;
}

/** Where profiles are written: .profiles/ in the script's workspace folder, else a temp folder. */
function outputDir(script: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(script));
  return folder ? path.join(folder.uri.fsPath, '.profiles') : fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-profiles-'));
}

/**
 * A `node` to run scripts with: the one on PATH, else the extension host's own runtime
 * (Electron acts as Node with ELECTRON_RUN_AS_NODE, which nodeCpuProf sets).
 */
async function nodeBinary(): Promise<string> {
  return (await which('node')) ?? process.execPath;
}

function requireTrust(): void {
  requireWorkspaceTrust(vscode.workspace.isTrusted, 'run scripts');
}

async function openProfile(file: string): Promise<void> {
  await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), profileEditorViewType(file));
}

async function profileNodeScript(_services: ExtensionServices, arg: unknown): Promise<void> {
  requireTrust();
  const script = await chooseScript(arg, 'Profile Node Script: choose a JavaScript file');
  if (!script) return;
  const outDir = outputDir(script);
  const nodePath = await nodeBinary();
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Profiling ${path.basename(script)} (node --cpu-prof)`, cancellable: true },
    (progress, token) => {
      progress.report({ message: 'running…' });
      const ac = new AbortController();
      const sub = token.onCancellationRequested(() => ac.abort());
      return runWithCpuProf({ script, outDir, nodePath, signal: ac.signal }).finally(() => sub.dispose());
    },
  );
  if (!outcome.ok) {
    if (outcome.cancelled)
      return void vscode.window.showInformationMessage(`DDIA Labs: profiling of ${path.basename(script)} cancelled; ${outcome.message}.`);
    throw new Error(outcome.message);
  }
  if (outcome.exitCode !== 0) {
    const tail = outcome.stderr.trim().split('\n').slice(-3).join(' ');
    void vscode.window.showWarningMessage(
      `DDIA Labs: ${path.basename(script)} exited with ${outcome.exitCode ?? 'a signal'}; showing its profile up to then.${tail ? ` ${tail}` : ''}`,
    );
  }
  await openProfile(outcome.mainProfile);
}

async function systemProfile(_services: ExtensionServices, arg: unknown): Promise<void> {
  requireTrust();
  // Say what is missing before asking for a script.
  const problem = diagnoseEnvironment(await perfEnvironment());
  if (problem) return void showPerfProblem(problem);
  const script = await chooseScript(arg, 'System Profile: choose a JavaScript file to run under perf record');
  if (!script) return;
  const outDir = outputDir(script);
  const nodePath = await nodeBinary();
  const outcome = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `System profile of ${path.basename(script)} (perf record -F 999 -g -e cpu-clock)`,
      cancellable: true,
    },
    (progress, token) => {
      const ac = new AbortController();
      const sub = token.onCancellationRequested(() => ac.abort());
      return recordWithPerf({ script, outDir, nodePath, signal: ac.signal, onProgress: (message) => progress.report({ message }) }).finally(
        () => sub.dispose(),
      );
    },
  );
  if (!outcome.ok) {
    if (outcome.cancelled) return void vscode.window.showInformationMessage('DDIA Labs: system profile cancelled.');
    return void showPerfProblem(outcome.problem);
  }
  await openProfile(outcome.speedscopeFile);
}

function showPerfProblem(problem: PerfProblem): void {
  const message = `DDIA Labs: System Profile needs Linux perf. ${describeProblem(problem)}`;
  const alternative = 'Profile with V8 Instead';
  void vscode.window
    .showErrorMessage(message, alternative)
    .then((a) => (a === alternative ? vscode.commands.executeCommand(PROFILE_NODE_SCRIPT_COMMAND) : undefined));
}
