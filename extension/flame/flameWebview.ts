/**
 * Host side of one flame-graph webview (custom editor or compare panel): sets its HTML, waits
 * for `ready`, reads the profile file(s) as bytes (no parsing here: the webview imports), and
 * handles the webview's messages. Live views are listed so the integration suite can drive them
 * through the test command.
 */
import * as vscode from 'vscode';
import type { FlameFromWebview, FlameSource, FlameTestAction, FlameToWebview, FlameViewState } from '../views/flame/flameMessages';
import { PanelHost } from '../webview/panelHost';
import { openSource } from './openSource';

const TEST_TIMEOUT_MS = 10_000;

/**
 * `workspace.fs.readFile` may return a Node Buffer, which postMessage would serialise as JSON
 * ({type:'Buffer', data:[…]}); a plain Uint8Array is transferred as binary.
 */
export async function readBytes(uri: vscode.Uri): Promise<Uint8Array> {
  const b = await vscode.workspace.fs.readFile(uri);
  return Object.getPrototypeOf(b) === Uint8Array.prototype ? b : new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

export class FlameWebview extends PanelHost<FlameToWebview, FlameFromWebview> {
  /** Open views, most recently created last. */
  static readonly live: FlameWebview[] = [];
  private readonly pending = new Map<number, { resolve: (s: FlameViewState) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  /** Last `openSource` request handled (for tests: where a frame click went). */
  lastOpened: vscode.Uri | undefined;
  state: 'loading' | 'loaded' | 'error' = 'loading';
  lastError: string | undefined;

  constructor(
    panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    title: string,
    private readonly source: () => Promise<FlameSource>,
  ) {
    super(panel, context, { title, script: 'flamegraph.js' });
    FlameWebview.live.push(this);
  }

  private async sendSource(): Promise<void> {
    try {
      void this.post({ type: 'load', source: await this.source() });
    } catch (err) {
      this.state = 'error';
      this.lastError = err instanceof Error ? err.message : String(err);
      void this.post({ type: 'loadFailed', message: this.lastError });
    }
  }

  /** Also after the webview reloads (hidden and shown again): send the data each time. */
  protected override onReady(): Promise<void> {
    return this.sendSource();
  }

  protected override async onMessage(message: Exclude<FlameFromWebview, { type: 'ready' }>): Promise<void> {
    switch (message.type) {
      case 'loaded':
        this.state = 'loaded';
        return;
      case 'error':
        this.state = 'error';
        this.lastError = message.message;
        console.error(`[DDIA Labs] flame graph: ${message.message}`);
        return;
      case 'openSource': {
        const editor = await openSource(message);
        this.lastOpened = editor?.document.uri;
        return;
      }
      case 'testResult': {
        const p = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (!p) return;
        if (message.state) p.resolve(message.state);
        else p.reject(new Error(message.error ?? 'no state'));
        return;
      }
      default: {
        const unknown: never = message;
        console.error(`[DDIA Labs] flame graph webview sent an unknown message: ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** Test hook: performs an action in the webview and resolves to the view's state. */
  test(action: FlameTestAction): Promise<FlameViewState> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`flame graph webview did not answer '${action.kind}' within ${TEST_TIMEOUT_MS} ms`));
      }, TEST_TIMEOUT_MS);
      this.pending.set(id, {
        resolve: (s) => (clearTimeout(timer), resolve(s)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      void this.post({ type: 'test', id, action });
    });
  }

  protected override onDispose(): void {
    const i = FlameWebview.live.indexOf(this);
    if (i >= 0) FlameWebview.live.splice(i, 1);
    for (const p of this.pending.values()) p.reject(new Error('the flame graph was closed'));
    this.pending.clear();
  }
}
