/** Messages between the USE dashboard panel's host (extension/perfViews/usePanel.ts) and its webview (webviews/perf/panel.ts). */
import type { UseDashboardSpec } from './perfOutputs';

export type UsePanelToWebview =
  { readonly type: 'dashboard'; readonly spec: UseDashboardSpec } | { readonly type: 'error'; readonly message: string };

export type UsePanelFromWebview =
  /** Sent once the script runs; the host answers with the latest dashboard (a message sent earlier can be lost). */
  | { readonly type: 'ready' }
  /** The pause/resume button: sampling stops while paused (no CPU spent on an unread panel). */
  | { readonly type: 'pause' }
  | { readonly type: 'resume' };
