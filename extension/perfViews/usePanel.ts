/**
 * The USE dashboard panel ("DDIA Labs: Show USE Dashboard"): samples this machine every second
 * while the panel is open and stops when it is closed. The sampler runs on the extension host
 * because it only reads a few /proc files through handles kept open (procReader, well under
 * 1% of a core: bench/perf/useOverhead.bench.ts); the event-loop row is the extension host's
 * own loop, which is what a slow editor would show. One panel at a time; the command reveals it.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { realClock, realTimer } from '../perf/collect/clock';
import { startNodeLoopMonitor, type NodeLoopMonitor } from '../perf/collect/nodeLoop';
import { procReader, type ProcReader } from '../perf/collect/procReader';
import { startUseSampler, type UseSampler } from '../perf/collect/useSampler';
import { type UseReport } from '../perf/use/computeUse';
import { buildUseDashboard, DASHBOARD_HISTORY } from '../perf/use/useDashboard';
import { createPanel, PanelHost, PanelSlot } from '../webview/panelHost';
import type { UsePanelFromWebview, UsePanelToWebview } from '../views/perf/usePanelMessages';

export const INTERVAL_MS = 1000;

/** What the integration tests read through the `ddiaLabs.perf.usePanelState` command. */
export interface UsePanelState {
  readonly open: boolean;
  readonly sampling: boolean;
  /** Dashboards posted to the webview since the panel opened. */
  readonly postedUpdates: number;
  readonly reports: number;
  /** 'ready' messages from the webview: its script ran and asked for data. */
  readonly webviewReady: number;
  /** Panels whose sampler has been stopped and released (counts every closed panel). */
  readonly disposedSamplers: number;
}

let disposedSamplers = 0;

interface Sampling {
  sampler: UseSampler;
  loop: NodeLoopMonitor;
  reader: ProcReader;
}

export class UsePanel extends PanelHost<UsePanelToWebview, UsePanelFromWebview> {
  static readonly viewType = 'ddiaLabs.useDashboard';
  private static readonly slot = new PanelSlot<UsePanel>();

  static show(context: vscode.ExtensionContext): UsePanel {
    return UsePanel.slot.show(
      context,
      () =>
        new UsePanel(
          createPanel(context, UsePanel.viewType, 'USE Dashboard', vscode.ViewColumn.Active, { retainContextWhenHidden: false }),
          context,
        ),
    );
  }

  static state(): UsePanelState {
    const p = UsePanel.slot.current;
    return {
      open: p !== undefined,
      sampling: p?.sampling !== undefined,
      postedUpdates: p?.posted ?? 0,
      reports: p?.reports.length ?? 0,
      webviewReady: p?.readyCount ?? 0,
      disposedSamplers,
    };
  }

  private readonly reports: UseReport[] = [];
  private sampling: Sampling | undefined;
  private posted = 0;
  private readyCount = 0;
  private paused = false;

  private constructor(panel: vscode.WebviewPanel, context: vscode.ExtensionContext) {
    super(panel, context, { title: 'USE Dashboard', script: 'perf.js', icon: true });
    this.start();
  }

  private start(): void {
    if (this.sampling || this.isDisposed) return;
    const reader = procReader();
    const loop = startNodeLoopMonitor();
    const sampler = startUseSampler({
      reader,
      clock: realClock,
      timer: realTimer,
      intervalMs: INTERVAL_MS,
      cpuCount: os.availableParallelism(),
      nodeLoop: loop,
      onReport: (r) => {
        this.reports.push(r);
        if (this.reports.length > DASHBOARD_HISTORY) this.reports.shift();
        this.postDashboard();
      },
      onError: (err) => void this.post({ type: 'error', message: `sampling failed: ${err instanceof Error ? err.message : String(err)}` }),
    });
    this.sampling = { sampler, loop, reader };
  }

  private stop(): void {
    const s = this.sampling;
    if (!s) return;
    this.sampling = undefined;
    s.sampler.stop();
    s.loop.stop();
    s.reader.close();
    disposedSamplers++;
  }

  private postDashboard(): void {
    const spec = buildUseDashboard(this.reports, {
      status: this.paused ? 'stopped' : 'sampling',
      intervalMs: INTERVAL_MS,
      platform: process.platform,
    });
    this.posted++;
    void this.post({ type: 'dashboard', spec });
  }

  protected override onReady(): void {
    this.readyCount++;
    this.postDashboard();
  }

  protected override onMessage(m: Exclude<UsePanelFromWebview, { type: 'ready' }>): void {
    switch (m.type) {
      case 'pause':
        this.paused = true;
        this.stop();
        this.postDashboard();
        return;
      case 'resume':
        this.paused = false;
        this.start();
        this.postDashboard();
        return;
      default:
        console.warn(`USE dashboard: unknown message ${JSON.stringify(m)}`);
    }
  }

  protected override onDispose(): void {
    this.stop();
  }
}
