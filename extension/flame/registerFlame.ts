/**
 * Flame graphs: the profile editor, the compare panel, source jumps from the notebook renderer,
 * and the Profile commands. Called once from activate(); registers contributions only (the
 * webview does all profile parsing).
 */
import * as vscode from 'vscode';
import {
  FLAME_RENDERER_ID,
  PROFILE_EDITOR_VIEW_TYPES,
  type FlameFromWebview,
  type FlameTestAction,
  type FlameViewState,
} from '../views/flame/flameMessages';
import type { ExtensionServices } from '../services';
import { compareProfiles, openProfile } from './flameCommands';
import { FlameWebview } from './flameWebview';
import { openSource } from './openSource';
import { registerProfileCommands } from './profileCommands';
import { ProfileEditorProvider } from './profileEditor';

/** Not contributed to the palette: lets the integration suite drive the newest flame view. */
export const FLAME_TEST_COMMAND = 'ddiaLabs.flame.testAction';

export interface FlameTestAnswer {
  readonly state: FlameViewState;
  /** Where the host last opened a source location for this view (fsPath). */
  readonly lastOpened?: string;
  readonly hostState: FlameWebview['state'];
}

export function registerFlame(services: ExtensionServices): void {
  const { context, reportErrors } = services;
  registerProfileCommands(services);
  const provider = new ProfileEditorProvider(context);
  const rendererMessaging = vscode.notebooks.createRendererMessaging(FLAME_RENDERER_ID);
  context.subscriptions.push(
    ...Object.values(PROFILE_EDITOR_VIEW_TYPES).map((viewType) =>
      vscode.window.registerCustomEditorProvider(viewType, provider, { supportsMultipleEditorsPerDocument: true }),
    ),
    vscode.commands.registerCommand(
      'ddiaLabs.openProfile',
      reportErrors('Open Profile as Flame Graph', (uri?: vscode.Uri) => openProfile(uri)),
    ),
    vscode.commands.registerCommand(
      'ddiaLabs.compareProfiles',
      reportErrors('Compare Two Profiles', (before?: vscode.Uri, after?: vscode.Uri) => compareProfiles(context, before, after)),
    ),
    rendererMessaging.onDidReceiveMessage((e) => {
      const m = e.message as FlameFromWebview;
      if (m?.type === 'openSource' && typeof m.file === 'string') void openSource(m);
      else console.error(`[DDIA Labs] flame graph renderer sent an unexpected message: ${JSON.stringify(e.message)}`);
    }),
    vscode.commands.registerCommand(FLAME_TEST_COMMAND, async (action: FlameTestAction): Promise<FlameTestAnswer> => {
      const view = FlameWebview.live[FlameWebview.live.length - 1];
      if (!view) throw new Error('no flame graph is open');
      const state = await view.test(action);
      return { state, lastOpened: view.lastOpened?.fsPath, hostState: view.state };
    }),
  );
}
