/**
 * The USE dashboard panel's script: draws each dashboard the host posts (once a second while
 * sampling) with the same table as the notebook renderer, and offers Pause/Resume. Styles are
 * adopted as constructed style sheets, which the panel's strict CSP (no inline styles) allows.
 */
import type { UsePanelFromWebview, UsePanelToWebview } from '../../extension/views/perf/usePanelMessages';
import { CSS } from '../renderers/styles';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import { vscButton } from '../shared/controls/button';
import { vscodeApi } from '../shared/vscodeApi';
import { drawUseDashboard, USE_CSS } from './useTable';

const PANEL_CSS = `
body { padding: 8px 16px; }
.ddia-panel-bar { display: flex; gap: 8px; align-items: center; margin-bottom: 8px; }
.ddia-panel-bar vscode-button { min-width: 72px; }
.ddia-use-starting { display: flex; gap: 8px; align-items: center; color: var(--vscode-descriptionForeground); }
.ddia-use-starting vscode-progress-ring { width: 16px; height: 16px; }
.ddia-panel-note { color: var(--vscode-descriptionForeground); font-size: 12px; }
`;

const api = vscodeApi<UsePanelFromWebview>();
const sheet = new CSSStyleSheet();
sheet.replaceSync(CSS + USE_CSS + PANEL_CSS);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

const root = document.getElementById('root') as HTMLElement;
const bar = document.createElement('div');
bar.className = 'ddia-panel-bar';
const toggle = vscButton('Pause', { secondary: true, className: 'ddia-use-toggle' });
toggle.title = 'Pause or resume sampling';
toggle.setAttribute('aria-pressed', 'false');
const note = document.createElement('span');
note.className = 'ddia-panel-note';
note.textContent = 'Samples this machine every second while this panel is open; closing it stops sampling.';
bar.append(toggle, note);
const board = document.createElement('div');
board.className = 'ddia-use-board';
// Until the first report (one sampling interval), a progress ring says the panel is working.
const starting = document.createElement('div');
starting.className = 'ddia-use-starting';
const ring = document.createElement('vscode-progress-ring');
ring.setAttribute('aria-label', 'Starting the USE sampler');
starting.append(ring, 'Starting the USE sampler…');
board.append(starting);
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
