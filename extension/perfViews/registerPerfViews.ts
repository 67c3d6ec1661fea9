/**
 * Perf checks: the USE dashboard panel.
 * Called once from activate(); registers contributions only (the panel samples nothing until
 * it is opened). `ddiaLabs.perf.usePanelState` is a test hook, not in the palette: integration
 * tests read it to check that updates arrive and that closing the panel stops its sampler.
 */
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { UsePanel } from './usePanel';

export function registerPerfViews(services: ExtensionServices): void {
  const { context } = services;
  context.subscriptions.push(
    vscode.commands.registerCommand(
      'ddiaLabs.showUseDashboard',
      services.reportErrors('Show USE Dashboard', async () => {
        UsePanel.show(context);
      }),
    ),
    // The open panel (and its sampler) is disposed on deactivation: PanelSlot registers it.
    vscode.commands.registerCommand('ddiaLabs.perf.usePanelState', () => UsePanel.state()),
  );
}
