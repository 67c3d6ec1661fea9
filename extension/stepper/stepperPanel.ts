/**
 * The stepper panel's host side: one panel beside the editor showing a run and its branches. The
 * webview steps locally and reports the cursor; the host highlights the source line behind the
 * event and runs branches (the run's scenario re-run with a fault injected at the cursor). Re-runs,
 * trace parsing and model building happen in the simulation worker (simWorkerClient.ts), never on
 * the extension host's thread.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Fault } from '../sim/core/faults';
import { describeFault } from '../views/timeline/describeFault';
import type { TimelineSpec } from '../views/timeline/timelineOutput';
import {
  STEPPER_VIEW_TYPE,
  type BranchInfo,
  type StepAction,
  type StepperFromWebview,
  type StepperRequest,
  type StepperToWebview,
} from '../views/stepper/stepperMessages';
import { cannotBranch } from './branching';
import { describeEvent } from '../views/timeline/describeEvent';
import { locOfEvent, type TimelineModel } from '../views/timeline/timelineModel';
import { createPanel, PanelHost, PanelSlot } from '../webview/panelHost';
import { SimWorkerClient, simWorkerPath } from './simWorkerClient';
import { SourceHighlight } from './sourceHighlight';

interface Branch {
  info: BranchInfo;
  spec: TimelineSpec;
  model: TimelineModel;
}

/** A run in hand (a notebook's timeline output) or a saved trace's text, parsed in the worker. */
export type StepperSource = { kind: 'spec'; spec: TimelineSpec } | { kind: 'trace'; text: string; title: string };

export interface StepperRun {
  source: StepperSource;
  /** Folder against which relative source locations resolve (a saved trace's folder). */
  baseDir?: string;
}

export interface StepperState {
  open: boolean;
  cursor: number;
  activeBranch: string;
  branches: BranchInfo[];
  highlight?: { uri: string; line: number };
  status: string;
}

export class StepperPanel extends PanelHost<StepperToWebview, StepperFromWebview> {
  private static readonly slot = new PanelSlot<StepperPanel>();
  private readonly highlight = new SourceHighlight();
  private readonly sim: SimWorkerClient;
  /** Bumped by each load, so a branch that finishes after another run was loaded is not added to it. */
  private generation = 0;
  private branches: Branch[] = [];
  private active = '';
  private cursor = 0;
  private status = '';
  private baseDir: string | undefined;
  /** The newest cursor move, highlighted after the current one finishes (moves during play coalesce). */
  private pendingCursor: number | undefined;
  private highlighting = false;
  private cursorWaiters: (() => void)[] = [];

  static get instance(): StepperPanel | undefined {
    return StepperPanel.slot.current;
  }

  /** Opens (or reveals) the panel and loads the run; resolves once the run is loaded. */
  static async show(context: vscode.ExtensionContext, run: StepperRun): Promise<StepperPanel> {
    const p = StepperPanel.slot.show(
      context,
      () =>
        new StepperPanel(
          createPanel(
            context,
            STEPPER_VIEW_TYPE,
            'Stepper',
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
            { retainContextWhenHidden: true },
          ),
          context,
        ),
      (open) => open.panel.reveal(vscode.ViewColumn.Beside),
    );
    try {
      await p.load(run);
    } catch (err) {
      // A panel that never loaded a run would stay empty: close it, and the caller reports why.
      if (p.branches.length === 0) p.dispose();
      throw err;
    }
    return p;
  }

  private constructor(panel: vscode.WebviewPanel, context: vscode.ExtensionContext) {
    super(panel, context, { title: 'Stepper', script: 'stepper.js', icon: true });
    this.sim = new SimWorkerClient(simWorkerPath(path.join(context.extensionPath, 'dist')));
    this.disposables.push(this.sim, this.highlight);
  }

  private async load(run: StepperRun): Promise<void> {
    const generation = ++this.generation;
    const what = run.source.kind === 'trace' ? run.source.title : (run.source.spec.title ?? run.source.spec.scenario);
    const { spec, model } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Loading ${what} into the stepper` },
      () =>
        this.sim.run(
          run.source.kind === 'trace'
            ? { kind: 'openTrace', text: run.source.text, title: run.source.title }
            : { kind: 'model', spec: run.source.spec },
        ),
    );
    if (generation !== this.generation) return; // a newer load replaced this one while it ran
    const info: BranchInfo = {
      id: 'b0',
      label: spec.title ?? `${spec.scenario} (original)`,
      hash: spec.hash,
      anomalies: spec.anomalies.length,
    };
    this.branches = [{ info, spec, model }];
    this.active = 'b0';
    this.cursor = 0;
    this.baseDir = run.baseDir;
    this.panel.title = `Stepper: ${spec.title ?? spec.scenario}`;
    this.highlight.clear();
    if (this.isReady) this.sendLoad();
  }

  private branch(): Branch {
    return this.branches.find((b) => b.info.id === this.active) ?? (this.branches[0] as Branch);
  }

  private sendLoad(): void {
    const b = this.branch();
    const why = cannotBranch(b.spec);
    void this.post({
      type: 'load',
      spec: b.spec,
      branches: this.branches.map((x) => x.info),
      activeBranch: this.active,
      cursor: this.cursor,
      ...(why !== undefined ? { cannotBranch: why } : {}),
    });
  }

  /** Keybindings and commands drive the webview, which owns the cursor. */
  control(action: StepAction): void {
    this.postWhenReady({ type: 'control', action });
  }

  seek(index: number): void {
    this.postWhenReady({ type: 'seek', index });
  }

  /** Resolves once the webview reports a cursor (tests and commands wait on it). */
  nextCursorReport(timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the stepper did not report its cursor in time')), timeoutMs);
      this.cursorWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  state(): StepperState {
    return {
      open: true,
      cursor: this.cursor,
      activeBranch: this.active,
      branches: this.branches.map((b) => b.info),
      ...(this.highlight.current !== undefined ? { highlight: this.highlight.current } : {}),
      status: this.status,
    };
  }

  /** The run may still be loading in the worker; load() sends it once it arrives. Controls queued before this follow it. */
  protected override onReady(): void {
    if (this.branches.length > 0) this.sendLoad();
  }

  protected override async onMessage(m: Exclude<StepperFromWebview, { type: 'ready' }>): Promise<void> {
    switch (m.type) {
      case 'cursor':
        this.cursor = m.index;
        this.pendingCursor = m.index;
        await this.drainHighlights();
        return;
      case 'request':
        try {
          await this.handle(m.request);
          void this.post({ type: 'response', id: m.id, ok: true });
        } catch (err) {
          void this.post({ type: 'response', id: m.id, ok: false, error: err instanceof Error ? err.message : String(err) });
        }
        return;
      case 'error':
        console.error(`[DDIA Labs] stepper webview: ${m.message}`);
        return;
      default: {
        const unknown: never = m;
        console.error(`[DDIA Labs] stepper webview sent an unknown message: ${JSON.stringify(unknown)}`);
      }
    }
  }

  private async drainHighlights(): Promise<void> {
    if (this.highlighting) return;
    this.highlighting = true;
    try {
      while (this.pendingCursor !== undefined) {
        const idx = this.pendingCursor;
        this.pendingCursor = undefined;
        await this.highlightAt(idx);
      }
    } finally {
      this.highlighting = false;
    }
    for (const w of this.cursorWaiters.splice(0)) w();
  }

  private async highlightAt(idx: number): Promise<void> {
    const { model } = this.branch();
    const loc = locOfEvent(model, idx);
    const event = idx >= 0 && idx < model.trace.length ? model.trace.event(idx) : undefined;
    if (loc === undefined || event === undefined) {
      this.highlight.clear();
      this.status = event === undefined ? '' : 'no source line: this event was not caused by a client operation with a location';
      void this.post({ type: 'highlight', status: this.status });
      return;
    }
    this.status = await this.highlight.show(loc, this.baseDir, `Stepper, event ${idx}: ${describeEvent(event)}`, this.panel.viewColumn);
    void this.post({ type: 'highlight', loc, status: this.status });
  }

  /** Inject a fault at an event: a new branch, made active. */
  async inject(atIndex: number, fault: Fault): Promise<BranchInfo> {
    const parent = this.branch();
    if (!(Number.isInteger(atIndex) && atIndex >= 0 && atIndex < parent.model.trace.length))
      throw new Error(`no event ${atIndex} in this run`);
    const at = { t: parent.model.trace.t[atIndex] as number };
    const why = cannotBranch(parent.spec);
    if (why !== undefined) throw new Error(why);
    const generation = this.generation;
    const { spec, model } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Re-running ${parent.spec.scenario} with ${describeFault(fault)}` },
      () => this.sim.run({ kind: 'branch', spec: parent.spec, atMs: at.t, fault }),
    );
    if (generation !== this.generation) throw new Error('another run was loaded into the stepper while this branch was running');
    const id = `b${this.branches.length}`;
    const info: BranchInfo = {
      id,
      label: `${parent.info.id === 'b0' ? 'original' : parent.info.label} + ${describeFault(fault)} @ ${at.t.toFixed(1)} ms`,
      injected: `${describeFault(fault)} at ${at.t.toFixed(1)} ms (event ${atIndex})`,
      hash: spec.hash,
      anomalies: spec.anomalies.length,
    };
    this.branches.push({ info, spec, model });
    this.active = id;
    // Keep the cursor where the fault was injected: the runs agree up to there.
    this.cursor = Math.min(atIndex, model.trace.length - 1);
    this.sendLoad();
    return info;
  }

  private async handle(r: StepperRequest): Promise<void> {
    switch (r.kind) {
      case 'inject':
        await this.inject(r.atIndex, r.fault);
        return;
      case 'switchBranch':
        this.switchBranch(r.branchId);
        return;
    }
  }

  /** Make another branch current (the original run is `b0`); the cursor stays where it was. */
  switchBranch(branchId: string): void {
    if (!this.branches.some((b) => b.info.id === branchId)) throw new Error(`no branch ${branchId}`);
    this.active = branchId;
    this.cursor = Math.min(this.cursor, this.branch().model.trace.length - 1);
    this.sendLoad();
  }

  protected override onDispose(): void {
    for (const w of this.cursorWaiters.splice(0)) w();
  }
}
