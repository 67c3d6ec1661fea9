/**
 * Messages between the stepper panel's host (extension/stepper) and its webview
 * (webviews/stepper/panel.ts). The webview owns the cursor (stepping is local and O(log n)); it
 * reports every move so the host can highlight the source line. Requests (fault injection, branch
 * switches) carry an id and get exactly one `response`, ok or error.
 */
import type { Fault } from '../../sim/core/faults';
import type { SourceLoc } from '../../sim/core/node';
import type { TimelineSpec } from '../timeline/timelineOutput';

export type StepAction = 'step' | 'back' | 'playPause' | 'nextAnomaly' | 'prevAnomaly' | 'start' | 'end';

export interface BranchInfo {
  readonly id: string;
  readonly label: string;
  /** The fault this branch added to its parent, described; absent for the original run. */
  readonly injected?: string;
  readonly hash: string;
  readonly anomalies: number;
}

export type StepperToWebview =
  | {
      readonly type: 'load';
      /**
       * The run, its trace as the compact encoding (base64, ~15 bytes per event): the webview decodes
       * it to columns and builds its own model, since any wire form of a built model (a span object
       * per message, two numbers per event) would cost more than the encoding of the whole run.
       */
      readonly spec: TimelineSpec;
      readonly branches: readonly BranchInfo[];
      readonly activeBranch: string;
      readonly cursor: number;
      /** Why fault injection is unavailable for this run (its scenario is not in the registry), if it is. */
      readonly cannotBranch?: string;
    }
  | { readonly type: 'control'; readonly action: StepAction }
  | { readonly type: 'seek'; readonly index: number }
  | { readonly type: 'highlight'; readonly loc?: SourceLoc; readonly status: string }
  | { readonly type: 'response'; readonly id: number; readonly ok: boolean; readonly error?: string };

export type StepperRequest =
  | { readonly kind: 'inject'; readonly atIndex: number; readonly fault: Fault }
  | { readonly kind: 'switchBranch'; readonly branchId: string };

export type StepperFromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'cursor'; readonly index: number }
  | { readonly type: 'request'; readonly id: number; readonly request: StepperRequest }
  | { readonly type: 'error'; readonly message: string };

/** Command ids of the stepper (package.json contributes them; keybindings apply when the stepper is focused). */
export const STEPPER_COMMANDS = {
  openTrace: 'ddiaLabs.stepper.openTrace',
  step: 'ddiaLabs.stepper.step',
  back: 'ddiaLabs.stepper.back',
  playPause: 'ddiaLabs.stepper.playPause',
  nextAnomaly: 'ddiaLabs.stepper.nextAnomaly',
  prevAnomaly: 'ddiaLabs.stepper.prevAnomaly',
  /** Test hook: the panel's state (cursor, branches, highlighted line). Hidden from the palette. */
  state: 'ddiaLabs.stepper.state',
  /** Test hook and automation: inject a fault at the cursor (same path as the panel's form). */
  inject: 'ddiaLabs.stepper.inject',
  seek: 'ddiaLabs.stepper.seek',
  switchBranch: 'ddiaLabs.stepper.switchBranch',
} as const;

export const STEPPER_VIEW_TYPE = 'ddiaLabs.stepper';
