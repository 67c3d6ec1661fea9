/**
 * The catalog webview: every lab grouped by book and chapter, filtered as you type, each with an
 * Open button. Keyboard: `/` focuses search, Tab moves between labs, Enter opens. The search text
 * survives the panel being hidden (getState/setState).
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import type { CatalogEntry, CatalogFromWebview, CatalogToWebview } from '../../extension/views/catalog/catalogMessages';
import { vscodeApi } from '../shared/vscodeApi';

interface CatalogState {
  readonly query: string;
}

const api = vscodeApi<CatalogFromWebview>();
let labs: readonly CatalogEntry[] = [];
let hasWorkspace = true;
let query = ((api.getState() as CatalogState | undefined)?.query ?? '').toString();

const root = document.getElementById('root') as HTMLElement;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function matches(lab: CatalogEntry, q: string): boolean {
  if (!q) return true;
  const hay = `${lab.title} ${lab.summary} ${lab.chapterTitle} ${lab.id}`.toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => hay.includes(word));
}

function render(): void {
  root.replaceChildren();
  const header = el('header', 'catalog-header');
  header.append(el('h1', undefined, 'DDIA Labs'));
  header.append(
    el(
      'p',
      'lede',
      'Labs for Designing Data-Intensive Applications and Systems Performance. Opening a lab copies it into your workspace, so your notes and code stay yours.',
    ),
  );
  const search = document.createElement('vscode-textfield') as HTMLElement & { value: string };
  search.id = 'search';
  search.setAttribute('placeholder', 'Search labs (press / to focus)');
  search.setAttribute('aria-label', 'Search labs');
  search.value = query;
  search.addEventListener('input', () => {
    query = search.value;
    api.setState({ query } satisfies CatalogState);
    renderList(list);
  });
  header.append(search);
  if (!hasWorkspace) header.append(el('p', 'notice', 'No folder is open: opening a lab will ask where to put it.'));
  const list = el('section', 'lab-list');
  list.setAttribute('aria-label', 'Labs');
  root.append(header, list);
  renderList(list);
}

function renderList(list: HTMLElement): void {
  list.replaceChildren();
  const visible = labs.filter((l) => matches(l, query));
  if (visible.length === 0) {
    list.append(el('p', 'empty', labs.length === 0 ? 'No labs are installed.' : `No lab matches “${query}”.`));
    return;
  }
  let book = '';
  let chapter = '';
  for (const lab of visible) {
    if (lab.book !== book) {
      book = lab.book;
      chapter = '';
      list.append(el('h2', 'book', lab.bookTitle));
    }
    const ch = `${lab.book}:${lab.chapter}`;
    if (ch !== chapter) {
      chapter = ch;
      list.append(el('h3', 'chapter', `Chapter ${lab.chapter} · ${lab.chapterTitle}`));
    }
    list.append(card(lab));
  }
}

function card(lab: CatalogEntry): HTMLElement {
  const article = el('article', 'lab-card');
  article.dataset['labId'] = lab.id;
  const title = el('h4', 'lab-title', lab.title);
  const meta = el('div', 'lab-meta');
  if (lab.inWorkspace) {
    const badge = el('vscode-badge' as 'span', undefined, 'in workspace');
    meta.append(badge);
  }
  const n = lab.exercises.length;
  meta.append(el('span', 'lab-exercises', n ? `${n} exercise${n === 1 ? '' : 's'}` : 'reading and experiments'));
  const summary = el('p', 'lab-summary', lab.summary);
  const open = document.createElement('vscode-button');
  open.textContent = lab.inWorkspace ? 'Open' : 'Start Lab';
  open.setAttribute('aria-label', `${lab.inWorkspace ? 'Open' : 'Start'} ${lab.title}`);
  open.addEventListener('click', () => api.postMessage({ type: 'openLab', labId: lab.id }));
  article.append(title, meta, summary, open);
  return article;
}

window.addEventListener('message', (event: MessageEvent<CatalogToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'catalog':
      labs = message.labs;
      hasWorkspace = message.hasWorkspace;
      render();
      return;
    case 'labStatus':
      labs = labs.map((l) => (l.id === message.labId ? { ...l, inWorkspace: message.inWorkspace } : l));
      renderList(document.querySelector('.lab-list') as HTMLElement);
      return;
    default: {
      const unknown: never = message;
      api.postMessage({ type: 'error', message: `unknown message ${JSON.stringify(unknown)}` });
    }
  }
});

window.addEventListener('keydown', (e) => {
  if (e.key === '/' && document.activeElement?.id !== 'search') {
    e.preventDefault();
    (document.getElementById('search') as HTMLElement | null)?.focus();
  }
});

window.addEventListener('error', (e) => api.postMessage({ type: 'error', message: String(e.message) }));
root.append(el('p', 'loading', 'Loading labs…'));
api.postMessage({ type: 'ready' });
