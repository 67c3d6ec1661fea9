/**
 * The flame-graph view shared by the profile editor, the compare panel, the notebook renderer
 * and the CLI's HTML page: toolbar (view mode, orientation, profile, search), breadcrumbs, the
 * canvas(es) and a tooltip. Hosts differ only in how a frame's source is opened, so they pass
 * an adaptor. Keyboard: arrows move between frames, Enter zooms, Escape resets, / searches,
 * Ctrl+Enter (or Ctrl+click) opens the frame's source.
 */
import { mergedCallTree, timeOrderedCallTree, type CallTree } from '../../extension/perf/model/callTree';
import { formatValue } from '../../extension/perf/model/formatValue';
import { sandwichOf } from '../../extension/perf/model/sandwich';
import { type Frame, type Profile } from '../../extension/perf/model/types';
import { frameWeights } from '../../extension/perf/model/weights';
import type { FlameTestAction, FlameViewState } from '../../extension/views/flame/flameMessages';
import { diffTree, type DiffTree } from '../../extension/views/flame/diffTree';
import { FlameCanvas } from './flameCanvas';
import { type LoadedProfiles } from './loadSource';
import { diffColour, frameColour, type ThemeKind } from '../../extension/views/flame/palette';
import { compileSearch, searchTree, type SearchResult } from '../../extension/views/flame/search';
import { ancestry, move, type Move } from '../../extension/views/flame/treeIndex';
import { el } from './dom';
import {
  setOptions,
  vscButton,
  vscSelect,
  vscTextfield,
  type VscodeButton,
  type VscodeSingleSelect,
  type VscodeTextfield,
} from '../shared/controls';

export type ViewMode = FlameViewState['mode'];

export interface FlameHost {
  /** Asks the host to open a frame's file at its line. */
  openSource(frame: Frame): void;
  /** Called when mode, orientation or search change (the panel keeps them in setState). */
  settingsChanged?(settings: ViewSettings): void;
}

/** What survives a hidden-and-shown panel. */
export interface ViewSettings {
  readonly mode: ViewMode;
  readonly orientation: 'flame' | 'icicle';
  readonly search: string;
}

export class FlameApp {
  private readonly root: HTMLElement;
  private readonly crumbs: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly tooltip: HTMLElement;
  private readonly status: HTMLElement;
  private readonly searchBox: VscodeTextfield;
  private readonly searchInfo: HTMLElement;
  private readonly modeButtons = new Map<ViewMode, VscodeButton>();
  private readonly orientButton: VscodeButton;
  private readonly sandwichPick: VscodeSingleSelect;
  private canvases: FlameCanvas[] = [];
  /** The canvas that keyboard and zoom act on. */
  private active: FlameCanvas | undefined;
  private mode: ViewMode;
  private orientation: 'flame' | 'icicle' = 'icicle';
  private profileIndex: number;
  private zoomed = -1;
  private search: SearchResult | undefined;
  private searchPattern = '';
  private sandwichFrame = -1;
  private readonly trees = new Map<string, CallTree>();
  private diff: DiffTree | undefined;
  private theme: ThemeKind;
  private colourCache = new Map<string, string>();
  private readonly rootWeights = new WeakMap<CallTree, number>();

  constructor(
    container: HTMLElement,
    private readonly loaded: LoadedProfiles,
    private readonly host: FlameHost,
    private readonly options: { fixedHeightPx?: number } = {},
  ) {
    this.profileIndex = loaded.group.activeIndex;
    this.mode = loaded.before ? 'diff' : 'merged';
    this.theme = detectTheme();
    this.root = el('div', 'fg-root');
    const toolbar = el('div', 'fg-toolbar');
    toolbar.setAttribute('role', 'toolbar');
    toolbar.setAttribute('aria-label', 'Flame graph view');
    const modes: [ViewMode, string][] = [
      ['merged', 'Left heavy'],
      ['time', 'Time order'],
      ['sandwich', 'Sandwich'],
    ];
    if (loaded.before) modes.unshift(['diff', 'Diff']);
    for (const [mode, label] of modes) {
      // The pressed mode is a primary button, the others secondary, as in VS Code's own toggles.
      const b = vscButton(label, { className: 'fg-button', secondary: true, onClick: () => this.setMode(mode) });
      b.dataset['mode'] = mode;
      this.modeButtons.set(mode, b);
      toolbar.append(b);
    }
    this.orientButton = vscButton('Flame', {
      className: 'fg-button fg-orient',
      secondary: true,
      onClick: () => this.setOrientation(this.orientation === 'flame' ? 'icicle' : 'flame'),
    });
    // The label says the current orientation; the title says what the button does.
    this.orientButton.title = 'Switch between flame (roots at the bottom) and icicle (roots at the top)';
    const reset = vscButton('Reset', {
      className: 'fg-button fg-reset',
      secondary: true,
      title: 'Reset zoom (Escape)',
      onClick: () => this.resetZoom(),
    });
    toolbar.append(this.orientButton, reset);
    if (loaded.group.profiles.length > 1) {
      const pick = vscSelect(
        'Profile',
        loaded.group.profiles.map((p, i) => [String(i), p.name || `profile ${i + 1}`] as const),
        String(this.profileIndex),
      );
      pick.classList.add('fg-select');
      pick.addEventListener('change', () => {
        this.profileIndex = Number(pick.value);
        this.sandwichFrame = -1;
        this.rebuild();
      });
      toolbar.append(pick);
    }
    this.sandwichPick = vscSelect('Function for the sandwich view', []);
    this.sandwichPick.classList.add('fg-select', 'fg-sandwich-pick');
    this.sandwichPick.addEventListener('change', () => {
      this.sandwichFrame = Number(this.sandwichPick.value);
      this.rebuild();
    });
    toolbar.append(this.sandwichPick);
    this.searchBox = vscTextfield('Search frames by regular expression', {
      type: 'search',
      placeholder: 'Search (regex, /)',
      className: 'fg-search',
    });
    this.searchBox.addEventListener('input', () => this.setSearch(this.searchBox.value));
    this.searchBox.addEventListener('keydown', (e) => {
      // Enter keeps the search and goes back to the graph. Escape clears it first, as the native
      // search field this replaced did; said here because the field's own clearing happens in
      // its shadow root and would leave the view still highlighting the old pattern.
      if (e.key === 'Escape') this.setSearch('');
      if (e.key === 'Enter' || e.key === 'Escape') this.active?.canvas.focus();
    });
    this.searchInfo = el('span', 'fg-search-info');
    this.searchInfo.setAttribute('aria-live', 'polite');
    toolbar.append(this.searchBox, this.searchInfo);
    this.crumbs = el('nav', 'fg-crumbs');
    this.crumbs.setAttribute('aria-label', 'Zoom path');
    this.scroller = el('div', 'fg-scroller');
    if (options.fixedHeightPx) this.scroller.style.maxHeight = `${options.fixedHeightPx}px`;
    this.tooltip = el('div', 'fg-tooltip');
    this.tooltip.hidden = true;
    this.status = el('div', 'fg-status');
    this.root.append(toolbar, this.crumbs, this.scroller, this.status, this.tooltip);
    container.replaceChildren(this.root);
    this.root.addEventListener('keydown', (e) => {
      if (e.key === '/' && e.target !== this.searchBox) {
        e.preventDefault();
        this.searchBox.focus();
      }
    });
    new MutationObserver(() => {
      const t = detectTheme();
      if (t !== this.theme) {
        this.theme = t;
        this.colourCache.clear();
        for (const c of this.canvases) {
          c.theme = t;
          c.schedule();
        }
      }
    }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
    new ResizeObserver(() => this.canvases.forEach((c) => c.schedule())).observe(this.scroller);
    this.rebuild(true);
  }

  get profile(): Profile {
    return this.loaded.group.profiles[this.profileIndex] as Profile;
  }

  private tree(key: string, make: () => CallTree): CallTree {
    let t = this.trees.get(key);
    if (!t) this.trees.set(key, (t = make()));
    return t;
  }

  private nameColour = (name: string): string => {
    let c = this.colourCache.get(name);
    if (c === undefined) this.colourCache.set(name, (c = frameColour(name, this.theme)));
    return c;
  };

  private makeCanvas(label: string | undefined, tree: CallTree, frames: readonly Frame[], colourOf: (n: number) => string): FlameCanvas {
    if (label) this.scroller.append(el('div', 'fg-label', label));
    const wrap = el('div', 'fg-canvas-wrap');
    this.scroller.append(wrap);
    const c = new FlameCanvas(wrap);
    c.theme = this.theme;
    c.canvas.tabIndex = 0;
    c.canvas.setAttribute('role', 'application');
    c.canvas.setAttribute('aria-label', `${label ?? 'Flame graph'}: arrows move between frames, Enter zooms, Escape resets`);
    c.orientation = this.orientation;
    c.setData({ tree, frames, colourOf });
    this.wireCanvas(c);
    this.canvases.push(c);
    return c;
  }

  /** Builds the canvases for the current mode and profile. `first` paints synchronously. */
  private rebuild(first = false): void {
    this.scroller.replaceChildren();
    this.canvases = [];
    this.zoomed = -1;
    const p = this.profile;
    const frames = p.frames;
    const byFrame = (tree: CallTree) => (n: number) => this.nameColour(frames[tree.nodes[n]!.frame]?.name ?? '');
    this.sandwichPick.hidden = this.mode !== 'sandwich';
    this.orientButton.textContent = this.orientation === 'flame' ? 'Flame ↑' : 'Icicle ↓';
    for (const [m, b] of this.modeButtons) {
      b.setAttribute('aria-pressed', String(m === this.mode));
      b.secondary = m !== this.mode;
    }
    let status = '';
    if (this.mode === 'merged' || this.mode === 'time') {
      const key = `${this.mode}:${this.profileIndex}`;
      const tree = this.tree(key, () => (this.mode === 'merged' ? mergedCallTree(p) : timeOrderedCallTree(p)));
      this.active = this.makeCanvas(undefined, tree, frames, byFrame(tree));
      status = `${this.mode === 'merged' ? 'Left heavy: identical stacks merged, heaviest first' : 'Time order: calls as they happened'} · ${formatValue(tree.span, p.unit)}`;
    } else if (this.mode === 'diff' && this.loaded.before) {
      this.diff ??= diffTree(this.loaded.before, this.loaded.group.profiles[this.loaded.group.activeIndex] as Profile);
      const d = this.diff;
      const tree = this.tree('diff', () => mergedCallTree(d.profile));
      this.active = this.makeCanvas(undefined, tree, d.profile.frames, (n) =>
        diffColour(d.delta[tree.nodes[n]!.stack]!, d.maxAbsDelta, this.theme),
      );
      status = `Diff: widths are the after profile; red grew, blue shrank (share of total) · before ${formatValue(d.beforeWeight, p.unit)}, after ${formatValue(d.afterWeight, p.unit)}${d.vanished ? ` · ${d.vanished} stacks only in before (not drawn)` : ''}`;
    } else {
      this.fillSandwichPick(p);
      const f = this.sandwichFrame;
      const s = sandwichOf(p, f);
      const name = frames[f]?.name ?? '';
      const callers = mergedCallTree(s.callers);
      const callees = mergedCallTree(s.callees);
      const cc = this.makeCanvas(`Callers of ${name}`, callers, s.callers.frames, byFrame(callers));
      cc.orientation = 'flame';
      const ce = this.makeCanvas(`Callees of ${name}`, callees, s.callees.frames, byFrame(callees));
      ce.orientation = 'icicle';
      this.active = ce;
      status = `Sandwich of ${name}: ${formatValue(callers.span, p.unit)} total`;
    }
    this.status.textContent = `${status} · click zooms, Ctrl+click opens source, / searches`;
    this.applySearch();
    this.renderCrumbs();
    if (first) for (const c of this.canvases) c.paint();
  }

  private fillSandwichPick(p: Profile): void {
    const { total } = frameWeights(p);
    const order = [...total.keys()].filter((f) => total[f]! > 0).sort((a, b) => total[b]! - total[a]!);
    if (this.sandwichFrame < 0 || !(total[this.sandwichFrame]! > 0)) {
      const sel = this.active?.selected ?? -1;
      const selFrame = sel >= 0 ? this.active?.tree?.nodes[sel]?.frame : undefined;
      this.sandwichFrame = selFrame !== undefined && this.mode === 'sandwich' && total[selFrame]! > 0 ? selFrame : (order[0] ?? 0);
    }
    const all = order.reduce((a, f) => Math.max(a, total[f]!), 0) || 1;
    setOptions(
      this.sandwichPick,
      order.slice(0, 500).map((f) => [String(f), `${p.frames[f]?.name} (${((total[f]! / all) * 100).toFixed(1)}%)`] as const),
      String(this.sandwichFrame),
    );
  }

  settings(): ViewSettings {
    return { mode: this.mode, orientation: this.orientation, search: this.searchPattern };
  }

  /** Restores saved settings; a mode this view does not have (diff) is ignored. */
  restore(s: Partial<ViewSettings>): void {
    if (s.orientation === 'flame' || s.orientation === 'icicle') this.setOrientation(s.orientation);
    if (s.mode && this.modeButtons.has(s.mode) && s.mode !== this.mode) this.setMode(s.mode);
    if (typeof s.search === 'string' && s.search !== '') this.setSearch(s.search);
  }

  private changed(): void {
    this.host.settingsChanged?.(this.settings());
  }

  setMode(mode: ViewMode): void {
    if (mode === 'sandwich') {
      // Open the sandwich on the selected frame, if any.
      const sel = this.active?.selected ?? -1;
      const f = sel >= 0 && this.mode !== 'sandwich' ? this.active?.tree?.nodes[sel]?.frame : undefined;
      if (f !== undefined && this.mode !== 'diff') this.sandwichFrame = f;
    }
    this.mode = mode;
    this.rebuild();
    this.changed();
  }

  setOrientation(o: 'flame' | 'icicle'): void {
    this.orientation = o;
    this.orientButton.textContent = o === 'flame' ? 'Flame ↑' : 'Icicle ↓';
    if (this.mode !== 'sandwich')
      for (const c of this.canvases) {
        c.orientation = o;
        c.schedule();
      }
    this.changed();
  }

  setSearch(text: string): void {
    this.searchPattern = text;
    if (this.searchBox.value !== text) this.searchBox.value = text;
    this.applySearch();
    this.changed();
  }

  private applySearch(): void {
    const q = compileSearch(this.searchPattern);
    this.search = undefined;
    this.searchBox.invalid = q !== undefined && !q.ok;
    if (!q) this.searchInfo.textContent = '';
    else if (!q.ok) this.searchInfo.textContent = `invalid pattern: ${q.error}`;
    for (const c of this.canvases) {
      const tree = c.tree;
      if (q?.ok && tree) {
        const r = searchTree(this.framesOf(c), tree, q.regex);
        c.highlight = r.frameMatches;
        if (c === this.active) this.search = r;
      } else c.highlight = undefined;
      c.schedule();
    }
    if (q?.ok && this.search)
      this.searchInfo.textContent = `${this.search.matchedFrames} functions · ${(this.search.share * 100).toFixed(1)}% of ${this.mode === 'sandwich' ? 'callees' : 'total'}`;
  }

  private framesOf(_c: FlameCanvas): readonly Frame[] {
    if (this.mode === 'diff' && this.diff) return this.diff.profile.frames;
    return this.profile.frames; // sandwich profiles keep the original frame indices
  }

  zoomTo(c: FlameCanvas, node: number): void {
    this.active = c;
    c.selected = node;
    c.zoomTo(node);
    this.zoomed = node;
    this.renderCrumbs();
  }

  resetZoom(): void {
    for (const c of this.canvases) c.resetZoom();
    this.zoomed = -1;
    this.renderCrumbs();
  }

  private renderCrumbs(): void {
    const c = this.active;
    const tree = c?.tree;
    const all = el('button', 'fg-crumb', 'all');
    all.addEventListener('click', () => this.resetZoom());
    const items: HTMLElement[] = [all];
    if (c && tree && this.zoomed >= 0) {
      for (const n of ancestry(tree, this.zoomed)) {
        const b = el('button', 'fg-crumb', this.framesOf(c)[tree.nodes[n]!.frame]?.name ?? '?');
        b.addEventListener('click', () => this.zoomTo(c, n));
        items.push(el('span', 'fg-crumb-sep', '›'), b);
      }
    }
    this.crumbs.replaceChildren(...items);
  }

  private wireCanvas(c: FlameCanvas): void {
    const canvas = c.canvas;
    const point = (e: MouseEvent) => {
      const r = canvas.getBoundingClientRect();
      return c.nodeAtPoint(e.clientX - r.left, e.clientY - r.top);
    };
    canvas.addEventListener('mousemove', (e) => {
      const n = point(e);
      if (n < 0) {
        this.tooltip.hidden = true;
        canvas.style.cursor = '';
        return;
      }
      canvas.style.cursor = 'pointer';
      this.showTooltip(c, n, e.clientX, e.clientY);
    });
    canvas.addEventListener('mouseleave', () => (this.tooltip.hidden = true));
    canvas.addEventListener('click', (e) => {
      const n = point(e);
      if (n < 0) return;
      if (e.ctrlKey || e.metaKey) this.openSource(c, n);
      else this.zoomTo(c, n);
    });
    canvas.addEventListener('keydown', (e) => this.onKey(c, e));
    canvas.addEventListener('focus', () => (this.active = c));
  }

  private openSource(c: FlameCanvas, node: number): void {
    const frame = this.framesOf(c)[c.tree?.nodes[node]?.frame ?? -1];
    if (!frame) return;
    if (!frame.file) {
      this.status.textContent = `${frame.name} has no source location in this profile.`;
      return;
    }
    this.host.openSource(frame);
  }

  private onKey(c: FlameCanvas, e: KeyboardEvent): void {
    const idx = c.index;
    if (!idx || !c.tree || c.tree.nodes.length === 0) return;
    const arrows: Record<string, Move> =
      c.orientation === 'flame'
        ? { ArrowUp: 'child', ArrowDown: 'parent', ArrowLeft: 'prev', ArrowRight: 'next' }
        : { ArrowUp: 'parent', ArrowDown: 'child', ArrowLeft: 'prev', ArrowRight: 'next' };
    const dir = arrows[e.key];
    if (dir) {
      e.preventDefault();
      c.selected = c.selected < 0 ? 0 : move(idx, c.selected, dir);
      c.schedule();
      const r = c.rectOf(c.selected);
      if (r) {
        const box = c.canvas.getBoundingClientRect();
        this.showTooltip(c, c.selected, box.left + r.x + Math.min(r.width / 2, 40), box.top + r.y + 14);
      }
    } else if (e.key === 'Enter' && c.selected >= 0) {
      e.preventDefault();
      if (e.ctrlKey || e.metaKey) this.openSource(c, c.selected);
      else this.zoomTo(c, c.selected);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.resetZoom();
    }
  }

  private showTooltip(c: FlameCanvas, node: number, clientX: number, clientY: number): void {
    const tree = c.tree;
    const n = tree?.nodes[node];
    if (!tree || !n) return;
    const frame = this.framesOf(c)[n.frame];
    const unit = this.profile.unit;
    const rootWeight = this.rootWeight(tree);
    const pct = (v: number) => (rootWeight > 0 ? `${((v / rootWeight) * 100).toFixed(1)}%` : '–');
    const lines = [
      el('div', 'fg-tip-name', frame?.name ?? '?'),
      el('div', 'fg-tip-row', `total ${formatValue(n.total, unit)} (${pct(n.total)}) · self ${formatValue(n.self, unit)} (${pct(n.self)})`),
    ];
    if (frame?.file) lines.push(el('div', 'fg-tip-file', `${frame.file}${frame.line ? `:${frame.line}` : ''}`));
    if (this.mode === 'diff' && this.diff) {
      const d = this.diff;
      const b = d.beforeWeight > 0 ? (d.beforeTotal[n.stack]! / d.beforeWeight) * 100 : 0;
      const a = d.afterWeight > 0 ? (d.afterTotal[n.stack]! / d.afterWeight) * 100 : 0;
      lines.push(
        el('div', 'fg-tip-row', `before ${b.toFixed(1)}% → after ${a.toFixed(1)}% (${a - b >= 0 ? '+' : ''}${(a - b).toFixed(1)} points)`),
      );
    }
    this.tooltip.replaceChildren(...lines);
    this.tooltip.hidden = false;
    const rootBox = this.root.getBoundingClientRect();
    const x = Math.min(clientX - rootBox.left + 12, Math.max(0, rootBox.width - this.tooltip.offsetWidth - 4));
    this.tooltip.style.left = `${x}px`;
    this.tooltip.style.top = `${clientY - rootBox.top + 16}px`;
  }

  /** Sum of the roots' totals, once per tree: the tooltip asks on every mouse move. */
  private rootWeight(tree: CallTree): number {
    let w = this.rootWeights.get(tree);
    if (w === undefined) {
      w = 0;
      for (const r of tree.nodes) if (r.parent < 0) w += r.total;
      this.rootWeights.set(tree, w);
    }
    return w;
  }

  /** Finds the widest node of a frame by name in the active canvas. */
  private nodeByName(name: string): number {
    const c = this.active;
    const tree = c?.tree;
    if (!c || !tree) return -1;
    const frames = this.framesOf(c);
    let best = -1;
    tree.nodes.forEach((n, i) => {
      if (frames[n.frame]?.name === name && (best < 0 || n.total > tree.nodes[best]!.total)) best = i;
    });
    return best;
  }

  state(): FlameViewState {
    const c = this.active;
    const tree = c?.tree;
    const name = (n: number) => (c && tree && n >= 0 ? (this.framesOf(c)[tree.nodes[n]!.frame]?.name ?? null) : null);
    return {
      status: 'ready',
      title: this.loaded.title,
      mode: this.mode,
      orientation: this.orientation,
      frames: this.profile.frames.length,
      drawnRects: this.canvases.reduce((a, x) => a + (x.layout?.rects.length ?? 0), 0),
      zoomedFrame: name(this.zoomed),
      breadcrumbs: c && tree && this.zoomed >= 0 ? ancestry(tree, this.zoomed).map((n) => name(n) ?? '?') : [],
      selectedFrame: name(c?.selected ?? -1),
      search: this.search ? { pattern: this.searchPattern, matchedFrames: this.search.matchedFrames, share: this.search.share } : null,
    };
  }

  /** Test-only hooks (integration suite and benchmark). Paints synchronously before answering. */
  test(action: FlameTestAction): FlameViewState {
    const c = this.active;
    switch (action.kind) {
      case 'state':
        break;
      case 'search':
        this.setSearch(action.pattern);
        break;
      case 'reset':
        this.resetZoom();
        break;
      case 'zoom': {
        const n = this.nodeByName(action.frameName);
        if (n < 0 || !c) throw new Error(`no frame named '${action.frameName}' in the view`);
        this.zoomTo(c, n);
        break;
      }
      case 'key':
        c?.canvas.dispatchEvent(new KeyboardEvent('keydown', { key: action.key, bubbles: true }));
        break;
      case 'openFrame': {
        const n = this.nodeByName(action.frameName);
        if (n < 0 || !c) throw new Error(`no frame named '${action.frameName}' in the view`);
        if (!c.rectOf(n) || c.rectOf(n)!.width < 1) this.zoomTo(c, n);
        c.paint();
        const r = c.rectOf(n);
        if (!r) throw new Error(`frame '${action.frameName}' is not drawn`);
        const box = c.canvas.getBoundingClientRect();
        c.canvas.dispatchEvent(
          new MouseEvent('click', { bubbles: true, ctrlKey: true, clientX: box.left + r.x + r.width / 2, clientY: box.top + r.y + 5 }),
        );
        break;
      }
    }
    for (const x of this.canvases) x.paint();
    return this.state();
  }
}

function detectTheme(): ThemeKind {
  const cls = document.body.classList;
  if (cls.contains('vscode-light') || cls.contains('vscode-high-contrast-light')) return 'light';
  if (cls.contains('vscode-dark') || cls.contains('vscode-high-contrast')) return 'dark';
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}
