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
import { renderWebviewHtml } from '../webview/webviewHtml';
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

export class UsePanel implements vscode.Disposable {
  static readonly viewType = 'ddiaLabs.useDashboard';
  static current: UsePanel | undefined;

  static show(context: vscode.ExtensionContext): UsePanel {
    if (UsePanel.current) {
      UsePanel.current.panel.reveal();
      return UsePanel.current;
    }
    const panel = vscode.window.createWebviewPanel(UsePanel.viewType, 'USE Dashboard', vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webviews')],
    });
    UsePanel.current = new UsePanel(panel, context);
    return UsePanel.current;
  }

  static state(): UsePanelState {
    const p = UsePanel.current;
    return {
      open: p !== undefined,
      sampling: p?.sampling !== undefined,
      postedUpdates: p?.posted ?? 0,
      reports: p?.reports.length ?? 0,
      webviewReady: p?.readyCount ?? 0,
      disposedSamplers,
    };
  }

  private readonly disposables: vscode.Disposable[] = [];
  private readonly reports: UseReport[] = [];
  private sampling: Sampling | undefined;
  private posted = 0;
  private readyCount = 0;
  private paused = false;
  private disposed = false;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
  ) {
    const webview = panel.webview;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    webview.html = renderWebviewHtml({
      title: 'USE Dashboard',
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'dist', 'webviews', 'perf.js')).toString(),
      styleUris: [],
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: UsePanelFromWebview) => this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
    );
    this.start();
  }

  private start(): void {
    if (this.sampling || this.disposed) return;
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
        this.post();
      },
      onError: (err) => void this.send({ type: 'error', message: `sampling failed: ${err instanceof Error ? err.message : String(err)}` }),
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

  private post(): void {
    const spec = buildUseDashboard(this.reports, {
      status: this.paused ? 'stopped' : 'sampling',
      intervalMs: INTERVAL_MS,
      platform: process.platform,
    });
    this.posted++;
    void this.send({ type: 'dashboard', spec });
  }

  private send(m: UsePanelToWebview): Thenable<boolean> {
    return this.disposed ? Promise.resolve(false) : this.panel.webview.postMessage(m);
  }

  private onMessage(m: UsePanelFromWebview): void {
    switch (m.type) {
      case 'ready':
        this.readyCount++;
        this.post();
        return;
      case 'pause':
        this.paused = true;
        this.stop();
        this.post();
        return;
      case 'resume':
        this.paused = false;
        this.start();
        this.post();
        return;
      default:
        console.warn(`USE dashboard: unknown message ${JSON.stringify(m)}`);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stop();
    if (UsePanel.current === this) UsePanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
