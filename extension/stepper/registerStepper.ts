/**
 * Replication: the simulation stepper panel and its commands.
 * Called once from activate(); registers contributions only (nothing runs until a command does).
 */
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import type { Fault } from '../sim/core/faults';
import { STEPPER_COMMANDS, type StepAction } from '../views/stepper/stepperMessages';
import { OPEN_TIMELINE_IN_STEPPER, type OpenTimelineArgs, type TimelineRendererMessage } from '../views/timeline/timelineMessages';
import { runFromNotebook, runFromTraceFile } from './openRun';
import { StepperPanel } from './stepperPanel';

export function registerStepper(services: ExtensionServices): void {
  const { context, reportErrors } = services;
  const control = (action: StepAction) => async (): Promise<void> => {
    StepperPanel.instance?.control(action);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(
      OPEN_TIMELINE_IN_STEPPER,
      reportErrors('Open in stepper', async (args: OpenTimelineArgs) => {
        const run = runFromNotebook(args.notebook, args.hash);
        await StepperPanel.show(context, run);
      }),
    ),
    vscode.commands.registerCommand(
      STEPPER_COMMANDS.openTrace,
      reportErrors('Open Trace in Stepper', async (uri?: vscode.Uri) => {
        let target = uri;
        if (target === undefined) {
          const picked = await vscode.window.showOpenDialog({
            canSelectMany: false,
            filters: { 'DDIA Labs traces': ['trace.json', 'json'] },
            openLabel: 'Open in Stepper',
            ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
          });
          target = picked?.[0];
        }
        if (target === undefined) return;
        const run = await runFromTraceFile(target);
        await StepperPanel.show(context, run);
      }),
    ),
    vscode.commands.registerCommand(STEPPER_COMMANDS.step, control('step')),
    vscode.commands.registerCommand(STEPPER_COMMANDS.back, control('back')),
    vscode.commands.registerCommand(STEPPER_COMMANDS.playPause, control('playPause')),
    vscode.commands.registerCommand(STEPPER_COMMANDS.nextAnomaly, control('nextAnomaly')),
    vscode.commands.registerCommand(STEPPER_COMMANDS.prevAnomaly, control('prevAnomaly')),
    vscode.commands.registerCommand(STEPPER_COMMANDS.seek, async (index: number) => StepperPanel.instance?.seek(index)),
    vscode.commands.registerCommand(STEPPER_COMMANDS.switchBranch, (branchId: string) => StepperPanel.instance?.switchBranch(branchId)),
    vscode.commands.registerCommand(STEPPER_COMMANDS.state, async () => StepperPanel.instance?.state() ?? { open: false }),
    vscode.commands.registerCommand(STEPPER_COMMANDS.inject, async (fault: Fault, atIndex?: number) => {
      const panel = StepperPanel.instance;
      if (panel === undefined) throw new Error('the stepper is not open');
      return panel.inject(atIndex ?? panel.state().cursor, fault);
    }),
  );

  // "Open in stepper" in a timeline output: the renderer posts the output's hash, the host finds it.
  const messaging = vscode.notebooks.createRendererMessaging('ddia-labs.timeline');
  context.subscriptions.push(
    messaging.onDidReceiveMessage(({ editor, message }) => {
      const m = message as TimelineRendererMessage;
      if (m?.type !== 'openInStepper' || typeof m.hash !== 'string') {
        console.error(`[DDIA Labs] timeline renderer sent an unknown message: ${JSON.stringify(message)}`);
        return;
      }
      const args: OpenTimelineArgs = { notebook: editor.notebook.uri.toString(), hash: m.hash };
      void vscode.commands.executeCommand(OPEN_TIMELINE_IN_STEPPER, args);
    }),
  );
}
