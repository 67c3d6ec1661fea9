/**
 * The USE dashboard panel's script: draws each dashboard the host posts (once a second while
 * sampling) with the same table as the notebook renderer, and offers Pause/Resume. Styles are
 * adopted as constructed style sheets, which the panel's strict CSP (no inline styles) allows.
 */
import type { UsePanelFromWebview, UsePanelToWebview } from '../../extension/views/perf/usePanelMessages';
import { CSS } from '../renderers/styles';
import { vscodeApi } from '../shared/vscodeApi';
import { drawUseDashboard, USE_CSS } from './useTable';

const PANEL_CSS = `
body { padding: 8px 16px; }
.ddia-panel-bar { display: flex; gap: 8px; align-items: center; margin-bottom: 8px; }
.ddia-panel-bar button { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground);
  border: 1px solid var(--vscode-button-border, transparent); padding: 3px 10px; cursor: pointer; font-family: var(--vscode-font-family); }
.ddia-panel-bar button:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
.ddia-panel-note { color: var(--vscode-descriptionForeground); font-size: 12px; }
`;

const api = vscodeApi<UsePanelFromWebview>();
const sheet = new CSSStyleSheet();
sheet.replaceSync(CSS + USE_CSS + PANEL_CSS);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

const root = document.getElementById('root') as HTMLElement;
const bar = document.createElement('div');
bar.className = 'ddia-panel-bar';
const toggle = document.createElement('button');
toggle.type = 'button';
toggle.textContent = 'Pause';
toggle.setAttribute('aria-pressed', 'false');
const note = document.createElement('span');
note.className = 'ddia-panel-note';
note.textContent = 'Samples this machine every second while this panel is open; closing it stops sampling.';
bar.append(toggle, note);
const board = document.createElement('div');
board.className = 'ddia-use-board';
board.textContent = 'Starting the USE sampler…';
root.append(bar, board);

let paused = false;
toggle.addEventListener('click', () => {
  paused = !paused;
  toggle.textContent = paused ? 'Resume' : 'Pause';
  toggle.setAttribute('aria-pressed', String(paused));
  api.postMessage({ type: paused ? 'pause' : 'resume' });
});

window.addEventListener('message', (e: MessageEvent<UsePanelToWebview>) => {
  const m = e.data;
  switch (m.type) {
    case 'dashboard':
      drawUseDashboard(board, m.spec, 'USE method on this machine');
      return;
    case 'error': {
      const div = document.createElement('div');
      div.className = 'ddia-error';
      div.textContent = m.message;
      board.replaceChildren(div);
      return;
    }
    default:
      console.warn('USE dashboard: unknown message', m);
  }
});

api.postMessage({ type: 'ready' });
