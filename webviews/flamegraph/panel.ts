/**
 * Script of the profile custom editor and the compare panel (dist/webviews/flamegraph.js).
 * In a VS Code webview it says `ready`, then draws what the host sends and forwards source
 * clicks. Without VS Code (the CLI's self-contained HTML page, the benchmark page) it reads its
 * source from the page's `#initial-state` JSON instead: `{source}` inline, or `{url, fileName}`
 * to fetch.
 */
import type { FlameFromWebview, FlameSource, FlameToWebview } from '../../extension/views/flame/flameMessages';
import { vscodeApi } from '../shared/vscodeApi';
import { type FlameApp, type ViewSettings } from './flameApp';
import { mountView } from './mountView';
import { showError } from './errorView';
import { applyStyles } from './styles';

const root = document.getElementById('root') ?? document.body;

function initialState(): unknown {
  const text = document.getElementById('initial-state')?.textContent;
  return text ? (JSON.parse(text) as unknown) : null;
}

async function inVsCode(): Promise<void> {
  const api = vscodeApi<FlameFromWebview>();
  const post = (m: FlameFromWebview) => api.postMessage(m);
  let app: FlameApp | undefined;
  let loadError: string | undefined;
  window.addEventListener('message', (event: MessageEvent<FlameToWebview>) => {
    const message = event.data;
    switch (message.type) {
      case 'load':
        void mountView(root, message.source, {
          openSource: (f) => post({ type: 'openSource', file: f.file as string, line: f.line, col: f.col }),
          settingsChanged: (s) => api.setState(s),
        }).then((r) => {
          if (r.ok) {
            app = r.app;
            const saved = api.getState() as Partial<ViewSettings> | undefined;
            if (saved) app.restore(saved);
            post({ type: 'loaded', title: r.app.state().title });
          } else {
            loadError = r.error;
            post({ type: 'error', message: r.error });
          }
        });
        return;
      case 'loadFailed':
        loadError = message.message;
        showError(root, 'This profile cannot be shown', message.message);
        return;
      case 'test':
        try {
          if (loadError) post({ type: 'testResult', id: message.id, state: errorState(loadError) });
          else if (!app) post({ type: 'testResult', id: message.id, error: 'the view is still loading' });
          else post({ type: 'testResult', id: message.id, state: app.test(message.action) });
        } catch (e) {
          post({ type: 'testResult', id: message.id, error: e instanceof Error ? e.message : String(e) });
        }
        return;
      default: {
        const unknown: never = message;
        post({ type: 'error', message: `flame graph webview got an unknown message: ${JSON.stringify(unknown)}` });
      }
    }
  });
  post({ type: 'ready' });
}

function errorState(error: string) {
  return {
    status: 'error' as const,
    error,
    title: '',
    mode: 'merged' as const,
    orientation: 'icicle' as const,
    frames: 0,
    drawnRects: 0,
    zoomedFrame: null,
    breadcrumbs: [],
    selectedFrame: null,
    search: null,
  };
}

async function standalone(): Promise<void> {
  applyStyles();
  document.body.classList.add('fg-page');
  const state = initialState() as { source?: FlameSource; url?: string; fileName?: string } | null;
  let source: FlameSource | undefined = state?.source;
  if (!source && state?.url) {
    const t0 = performance.now();
    const response = await fetch(state.url);
    const content = new Uint8Array(await response.arrayBuffer());
    window.__fetchMs = performance.now() - t0;
    source = { kind: 'file', file: { fileName: state.fileName ?? state.url, content } };
  }
  if (!source) return showError(root, 'Nothing to show', 'This page has no profile in its #initial-state.');
  const result = await mountView(root, source, {
    // A page has no editor to open; say where the frame is instead.
    openSource: (f) => window.alert(`${f.name}\n${f.file}${f.line ? `:${f.line}` : ''}`),
  });
  if (result.ok) window.__flameApp = result.app;
}

declare global {
  interface Window {
    __flameApp?: FlameApp;
    __fetchMs?: number;
  }
}

declare const acquireVsCodeApi: unknown;
void (typeof acquireVsCodeApi === 'function' ? inVsCode() : standalone());
