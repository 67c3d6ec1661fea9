/**
 * The host side every webview panel shares (lab catalog, stepper, USE dashboard, flame graph
 * editor and compare panel): the page with its CSP nonce (webviewHtml.ts), the `ready`
 * handshake (a message posted before the script runs is lost, so messages that must arrive wait
 * in a queue until the webview says `ready`), the disposables, and, for panels there is one
 * of, the slot that reveals the open panel instead of making a second.
 */
import * as vscode from 'vscode';
import { renderWebviewHtml } from './webviewHtml';

export interface PanelPage {
  readonly title: string;
  /** The bundle under dist/webviews/, e.g. `stepper.js`. */
  readonly script: string;
  /** Style sheets under media/, e.g. `styles/catalog.css`. */
  readonly styles?: readonly string[];
  /** Show the extension's icon on the panel's tab. */
  readonly icon?: boolean;
}

type Message = { readonly type: string };
type Ready = { readonly type: 'ready' };

/** Where a panel's scripts and styles may load from: the built webviews and media/. */
export function panelResourceRoots(context: vscode.ExtensionContext): vscode.Uri[] {
  return [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webviews'), vscode.Uri.joinPath(context.extensionUri, 'media')];
}

export function createPanel(
  context: vscode.ExtensionContext,
  viewType: string,
  title: string,
  show: vscode.ViewColumn | { readonly viewColumn: vscode.ViewColumn; readonly preserveFocus?: boolean },
  options: { readonly retainContextWhenHidden: boolean },
): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(viewType, title, show, {
    enableScripts: true,
    retainContextWhenHidden: options.retainContextWhenHidden,
    localResourceRoots: panelResourceRoots(context),
  });
}

export abstract class PanelHost<ToWebview extends Message, FromWebview extends Message> implements vscode.Disposable {
  protected readonly disposables: vscode.Disposable[] = [];
  private readonly queued: ToWebview[] = [];
  private readyOnce = false;
  private closed = false;
  private readonly closeListeners: (() => void)[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    page: PanelPage,
  ) {
    const webview = panel.webview;
    // A custom editor's panel comes from VS Code without options; a created panel has these already.
    webview.options = { enableScripts: true, localResourceRoots: panelResourceRoots(context) };
    if (page.icon) panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    const asUri = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, ...parts)).toString();
    webview.html = renderWebviewHtml({
      title: page.title,
      cspSource: webview.cspSource,
      scriptUri: asUri('dist', 'webviews', page.script),
      styleUris: (page.styles ?? []).map((s) => asUri('media', ...s.split('/'))),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: FromWebview) => void this.receive(m)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** True once the webview's script has said `ready` (it stays true across a reload of a hidden panel). */
  protected get isReady(): boolean {
    return this.readyOnce;
  }

  protected get isDisposed(): boolean {
    return this.closed;
  }

  /** Posts now; false when the panel is gone (VS Code's answer otherwise). */
  protected post(message: ToWebview): Thenable<boolean> {
    return this.closed ? Promise.resolve(false) : this.panel.webview.postMessage(message);
  }

  /** Posts once the webview is ready: before that it would be lost. */
  protected postWhenReady(message: ToWebview): void {
    if (this.readyOnce) void this.post(message);
    else this.queued.push(message);
  }

  private async receive(message: FromWebview): Promise<void> {
    if (message.type !== 'ready') return this.onMessage(message as Exclude<FromWebview, Ready>);
    this.readyOnce = true;
    // Every `ready` (also after a hidden panel's webview reloads): the view sends its data again.
    await this.onReady();
    for (const q of this.queued.splice(0)) void this.post(q);
  }

  /** The webview's script is running: send what it shows. */
  protected abstract onReady(): void | Promise<void>;

  /** Every other message; a switch over `type` whose default reports the unknown message. */
  protected abstract onMessage(message: Exclude<FromWebview, Ready>): void | Promise<void>;

  /** Releases what the panel holds beyond its disposables (samplers, pending requests). */
  protected onDispose(): void {}

  onDidClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.onDispose();
    for (const l of this.closeListeners.splice(0)) l();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

/** The one panel of a kind: showing it again reveals it; closing it empties the slot. */
export class PanelSlot<P extends PanelHost<Message, Message>> {
  private panel: P | undefined;

  get current(): P | undefined {
    return this.panel;
  }

  /** The open panel revealed (`reveal`), or a new one from `create`, registered for disposal on deactivation. */
  show(context: vscode.ExtensionContext, create: () => P, reveal: (p: P) => void = (p) => p.panel.reveal()): P {
    if (this.panel) {
      reveal(this.panel);
      return this.panel;
    }
    const p = create();
    this.panel = p;
    p.onDidClose(() => {
      if (this.panel === p) this.panel = undefined;
    });
    context.subscriptions.push(p);
    return p;
  }
}
