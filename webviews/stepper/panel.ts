/**
 * The stepper panel's webview: step, back, play/pause at a chosen speed, seek on a scrubber, jump
 * to the next anomaly; node states and messages in flight at the cursor; fault injection that
 * branches the run; a branch list; the timeline with a cursor line. The cursor index
 * (cursorIndex.ts) makes every move O(log n) plus a constant, so even 100k-event traces step at
 * once. Keys: → / . step, ← / , back, Space play, n / N next / previous anomaly, Home / End.
 */
import type { Fault } from '../../extension/sim/core/faults';
import type {
  StepAction,
  StepperFromWebview,
  StepperRequest,
  StepperToWebview,
  BranchInfo,
} from '../../extension/views/stepper/stepperMessages';
import type { TimelineSpec } from '../../extension/views/timeline/timelineOutput';
import { buildCursorIndex, type CursorIndex, type CursorState } from '../../extension/views/timeline/cursorIndex';
import { describeEvent } from '../../extension/views/timeline/describeEvent';
import { isControlTarget, vscButton, vscSelect, vscTextfield, type VscodeButton } from '../shared/controls';
import { buildTimelineModel, type TimelineModel } from '../../extension/views/timeline/timelineModel';
import { decodeTimeline, timelineInput } from '../../extension/views/timeline/timelineRun';
import { vscodeApi } from '../shared/vscodeApi';
import { adoptStyles, TIMELINE_CSS } from '../timeline/styles';
import { TimelineCanvas } from '../timeline/timelineCanvas';
import { el, legend, summaryText } from '../timeline/timelineHeader';
import { STEPPER_CSS } from './stepperStyles';

const api = vscodeApi<StepperFromWebview>();
const post = (m: StepperFromWebview): void => api.postMessage(m);

interface Loaded {
  spec: TimelineSpec;
  index: CursorIndex;
  canvas: TimelineCanvas;
  branches: readonly BranchInfo[];
  activeBranch: string;
  cannotBranch?: string;
}

let cur: Loaded | undefined;
let cursor = 0;
let playing: ReturnType<typeof setInterval> | undefined;
let speed = 10;
let nextRequest = 1;
const pending = new Map<number, (r: { ok: boolean; error?: string }) => void>();

const root = document.getElementById('root') ?? document.body;
adoptStyles(TIMELINE_CSS + STEPPER_CSS);

// ---- static layout ----
const bar = el('div', 'bar');
bar.setAttribute('role', 'toolbar');
bar.setAttribute('aria-label', 'Stepper controls');
const btn = (label: string, title: string, action: () => void, secondary = true): VscodeButton =>
  vscButton(label, { title, secondary, onClick: action });
const bStart = btn('|◀', 'Go to the first event (Home)', () => act('start'));
const bBack = btn('◀', 'Step back (← or ,; F10 with Shift in VS Code)', () => act('back'));
const bPlay = btn('▶ Play', 'Play / pause (Space; F5 in VS Code)', () => act('playPause'), false);
bPlay.className = 'play';
const bStep = btn('▶', 'Step (→ or .; F10 in VS Code)', () => act('step'));
const bEnd = btn('▶|', 'Go to the last event (End)', () => act('end'));
const bAnomaly = btn('Next anomaly ⚠', 'Jump to the next anomaly (n; F8 in VS Code)', () => act('nextAnomaly'));
const speedSel = vscSelect(
  'Play speed',
  [2, 10, 50, 250, 1000].map((s) => [String(s), `${s} events/s`] as const),
  String(speed),
);
speedSel.classList.add('speed');
speedSel.addEventListener('change', () => {
  speed = Number(speedSel.value);
  if (playing !== undefined) {
    stop();
    play();
  }
});
const scrub = el('input', 'scrub');
scrub.type = 'range';
scrub.min = '0';
scrub.value = '0';
scrub.setAttribute('aria-label', 'Seek to event');
scrub.addEventListener('input', () => moveTo(Number(scrub.value)));
const pos = el('span', 'pos');
pos.setAttribute('aria-live', 'polite');
bar.append(bStart, bBack, bPlay, bStep, bEnd, bAnomaly, speedSel, scrub, pos);

const title = el('div', 'ddia-tl-head');
const eventBox = el('div', 'event');
const chain = el('ol', 'chain');
chain.setAttribute('aria-label', 'Cause chain');
const source = el('div', 'source');
const timelineHost = el('div');
const nodesBox = el('div');
const flyingBox = el('div', 'flying');
const injectBox = el('div');
const branchesBox = el('div');
const grid = el('div', 'grid');
const left = el('div');
const right = el('div');
left.append(el('h2', undefined, 'Nodes at the cursor'), nodesBox, el('h2', undefined, 'Messages in flight'), flyingBox);
right.append(el('h2', undefined, 'Inject a fault here (branches the run)'), injectBox, el('h2', undefined, 'Branches'), branchesBox);
grid.append(left, right);
const help = el('p', 'muted');
help.append(
  'Keys: ',
  el('kbd', undefined, '→'),
  ' step, ',
  el('kbd', undefined, '←'),
  ' back, ',
  el('kbd', undefined, 'Space'),
  ' play, ',
  el('kbd', undefined, 'n'),
  ' next anomaly, ',
  el('kbd', undefined, 'Home'),
  '/',
  el('kbd', undefined, 'End'),
  '. Click the timeline to seek.',
);
root.append(bar, title, eventBox, chain, source, el('h2', undefined, 'Timeline'), timelineHost, legend(), grid, help);

// ---- behaviour ----
function stop(): void {
  if (playing !== undefined) clearInterval(playing);
  playing = undefined;
  bPlay.textContent = '▶ Play';
}

function play(): void {
  if (cur === undefined) return;
  if (cursor >= cur.index.model.trace.length - 1) moveTo(0);
  const every = Math.max(4, 1000 / speed);
  const per = Math.max(1, Math.round(speed / 250));
  playing = setInterval(() => {
    if (cur === undefined || cursor >= cur.index.model.trace.length - 1) return stop();
    moveTo(cursor + per);
  }, every);
  bPlay.textContent = '⏸ Pause';
}

function act(a: StepAction): void {
  if (cur === undefined) return;
  const last = cur.index.model.trace.length - 1;
  switch (a) {
    case 'step':
      return moveTo(cursor + 1);
    case 'back':
      return moveTo(cursor - 1);
    case 'start':
      return moveTo(0);
    case 'end':
      return moveTo(last);
    case 'playPause':
      return playing === undefined ? play() : stop();
    case 'nextAnomaly': {
      const n = cur.index.nextAnomaly(cursor);
      if (n !== undefined) moveTo(n);
      else pos.textContent = 'no later anomaly';
      return;
    }
    case 'prevAnomaly': {
      const p = cur.index.prevAnomaly(cursor);
      if (p !== undefined) moveTo(p);
      return;
    }
  }
}

let reportTimer: ReturnType<typeof setTimeout> | undefined;
let lastReport = 0;
/** Tell the host where the cursor is; while playing fast, at most every 50 ms (the newest wins). */
function report(): void {
  const now = performance.now();
  if (reportTimer !== undefined) return;
  const wait = playing === undefined ? 0 : Math.max(0, 50 - (now - lastReport));
  reportTimer = setTimeout(() => {
    reportTimer = undefined;
    lastReport = performance.now();
    post({ type: 'cursor', index: cursor });
  }, wait);
}

function moveTo(i: number): void {
  if (cur === undefined) return;
  cursor = Math.max(0, Math.min(cur.index.model.trace.length - 1, Math.round(i)));
  render(cur.index.stateAt(cursor));
  api.setState({ cursor });
  report();
}

function render(s: CursorState): void {
  if (cur === undefined) return;
  const n = cur.index.model.trace.length;
  scrub.value = String(s.index);
  pos.textContent = `event ${s.index.toLocaleString('en-US')} / ${(n - 1).toLocaleString('en-US')} · ${s.timeMs.toFixed(2)} ms`;
  const anomalyHere = cur.index.model.anomalies.filter((a) => a.eventIdx === s.index);
  eventBox.className = anomalyHere.length > 0 ? 'event anomaly' : 'event';
  eventBox.textContent = `${describeEvent(s.event)}${anomalyHere.map((a) => `\n⚠ ${a.anomaly.kind}: ${a.anomaly.message}`).join('')}`;
  eventBox.style.whiteSpace = 'pre-wrap';
  chain.replaceChildren(
    ...s.chain.slice(1).map((k) => {
      const li = el('li');
      const trace = cur?.index.model.trace;
      // Event objects only for the few in the chain on screen.
      li.textContent = trace === undefined || k >= trace.length ? `event ${k}` : `caused by event ${k}: ${describeEvent(trace.event(k))}`;
      return li;
    }),
  );
  renderNodes(s);
  renderFlying(s);
  cur.canvas.setCursor(s.index);
}

function renderNodes(s: CursorState): void {
  const t = el('table');
  const head = el('tr');
  for (const h of ['node', 'state', 'cut off from', 'clock', 'notes']) head.append(el('th', undefined, h));
  t.append(head);
  for (const nd of s.nodes) {
    const tr = el('tr');
    const state = el('td');
    const badge = el(
      'span',
      `badge ${!nd.up ? 'down' : nd.paused ? 'paused' : 'up'}`,
      !nd.up ? 'down' : nd.paused ? `paused to ${nd.pausedUntilMs?.toFixed(1)} ms` : 'up',
    );
    state.append(badge);
    const clock = el(
      'td',
      'num',
      `${nd.clockMs.toFixed(2)} ms${Math.abs(nd.clockOffsetMs) > 1e-9 ? ` (${nd.clockOffsetMs > 0 ? '+' : ''}${nd.clockOffsetMs.toFixed(2)})` : ''}${nd.drift !== 0 ? ` drift ${nd.drift}` : ''}`,
    );
    const notes = el(
      'td',
      undefined,
      nd.notes.map((x) => `${x.label}${x.data === undefined ? '' : ` ${JSON.stringify(x.data)}`} (event ${x.idx})`).join('; ') || '—',
    );
    tr.append(el('td', undefined, nd.id), state, el('td', undefined, nd.cutOffFrom.join(', ') || '—'), clock, notes);
    t.append(tr);
  }
  nodesBox.replaceChildren(t);
}

function renderFlying(s: CursorState): void {
  if (s.inFlightCount === 0) {
    flyingBox.replaceChildren(el('p', 'muted', 'none'));
    return;
  }
  const t = el('table');
  const head = el('tr');
  for (const h of ['#', 'message', 'from → to', 'sent', 'arrives']) head.append(el('th', undefined, h));
  t.append(head);
  for (const m of s.inFlight) {
    const tr = el('tr');
    const arrives = m.endMs === undefined ? 'after the trace ends' : `${m.endMs.toFixed(2)} ms${m.outcome === 'drop' ? ' (dropped)' : ''}`;
    tr.append(
      el('td', 'num', String(m.msgId)),
      el('td', undefined, m.label),
      el('td', undefined, `${m.from} → ${m.to}`),
      el('td', 'num', `${m.sendMs.toFixed(2)} ms`),
      el('td', 'num', arrives),
    );
    t.append(tr);
  }
  const more = s.inFlightCount > s.inFlight.length ? [el('p', 'muted', `${s.inFlightCount - s.inFlight.length} more not listed`)] : [];
  flyingBox.replaceChildren(el('p', 'muted', `${s.inFlightCount} in flight`), t, ...more);
}

function request(r: StepperRequest): Promise<{ ok: boolean; error?: string }> {
  const id = nextRequest++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      resolve({ ok: false, error: 'the extension did not answer within 60 s' });
    }, 60_000);
    pending.set(id, (x) => {
      clearTimeout(timer);
      resolve(x);
    });
    post({ type: 'request', id, request: r });
  });
}

function renderInject(l: Loaded): void {
  if (l.cannotBranch !== undefined) {
    injectBox.replaceChildren(el('p', 'notice', `Fault injection is not available: ${l.cannotBranch}.`));
    return;
  }
  const form = el('form', 'inject');
  const kind = vscSelect('Fault', [
    ['partition', 'partition (isolate node)'],
    ['heal', 'heal the network'],
    ['crash', 'crash'],
    ['restart', 'restart'],
    ['pause', 'pause'],
    ['clock-offset', 'clock skew'],
  ]);
  kind.classList.add('fault');
  const node = vscSelect(
    'Node',
    l.spec.nodes.map((id) => [id, id] as const),
    l.spec.nodes[0],
  );
  node.classList.add('node');
  const amount = vscTextfield('Milliseconds (pause length or clock step)', { type: 'number', value: '100', className: 'amount' });
  const unit = el('span', 'muted', 'ms');
  const go = vscButton('Inject at cursor', { className: 'inject-go' });
  go.type = 'submit';
  const status = el('div', 'muted');
  status.setAttribute('aria-live', 'polite');
  const sync = (): void => {
    node.disabled = kind.value === 'heal';
    const needsAmount = kind.value === 'pause' || kind.value === 'clock-offset';
    amount.hidden = !needsAmount;
    unit.hidden = !needsAmount;
  };
  kind.addEventListener('change', sync);
  sync();
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const n = node.value;
    const ms = Number(amount.value);
    let fault: Fault;
    switch (kind.value) {
      case 'partition':
        fault = { kind: 'partition', groups: [[n], l.spec.nodes.filter((x) => x !== n)] };
        break;
      case 'heal':
        fault = { kind: 'heal' };
        break;
      case 'crash':
        fault = { kind: 'crash', node: n };
        break;
      case 'restart':
        fault = { kind: 'restart', node: n };
        break;
      case 'pause':
        fault = { kind: 'pause', node: n, durationMs: Math.max(0, ms) };
        break;
      default:
        fault = { kind: 'clock-offset', node: n, deltaMs: ms };
    }
    go.disabled = true;
    status.textContent = 'Re-running from the same seed…';
    void request({ kind: 'inject', atIndex: cursor, fault }).then((r) => {
      go.disabled = false;
      status.className = r.ok ? 'muted' : 'error';
      status.textContent = r.ok ? '' : `Could not branch: ${r.error ?? 'unknown error'}`;
    });
  });
  form.append(kind, node, amount, unit, go);
  injectBox.replaceChildren(form, status);
}

function renderBranches(l: Loaded): void {
  const list = el('ul', 'branches');
  list.setAttribute('aria-label', 'Branches');
  for (const b of l.branches) {
    const li = el('li');
    const button = el('button', undefined, `${b.id === l.activeBranch ? '● ' : '○ '}${b.label}`);
    button.title = `${b.injected ?? 'the original run'} · ${b.anomalies} anomalies · hash ${b.hash.slice(0, 8)}`;
    button.setAttribute('aria-current', String(b.id === l.activeBranch));
    button.addEventListener('click', () => {
      if (b.id !== l.activeBranch) void request({ kind: 'switchBranch', branchId: b.id });
    });
    li.append(button, el('span', 'muted', ` ${b.anomalies} anomal${b.anomalies === 1 ? 'y' : 'ies'}`));
    list.append(li);
  }
  branchesBox.replaceChildren(list);
}

function load(m: Extract<StepperToWebview, { type: 'load' }>): void {
  stop();
  cur?.canvas.dispose();
  timelineHost.replaceChildren();
  // The run arrives encoded: decode to columns and build the model from them (no object per event).
  let model: TimelineModel;
  try {
    model = buildTimelineModel(timelineInput(m.spec, decodeTimeline(m.spec)));
  } catch (err) {
    cur = undefined;
    timelineHost.replaceChildren(el('div', 'ddia-tl-error', `Cannot show this run: ${err instanceof Error ? err.message : String(err)}`));
    post({ type: 'error', message: `cannot load the run: ${String(err)}` });
    return;
  }
  const index = buildCursorIndex(model);
  const canvas = new TimelineCanvas(timelineHost, model, { onPick: (i) => moveTo(i) });
  cur = {
    spec: m.spec,
    index,
    canvas,
    branches: m.branches,
    activeBranch: m.activeBranch,
    ...(m.cannotBranch !== undefined ? { cannotBranch: m.cannotBranch } : {}),
  };
  scrub.max = String(model.trace.length - 1);
  title.replaceChildren(
    el('span', 'ddia-tl-title', m.spec.title ?? m.spec.scenario),
    el('span', 'ddia-tl-meta', summaryText(m.spec, model)),
  );
  renderInject(cur);
  renderBranches(cur);
  moveTo(m.cursor);
}

window.addEventListener('message', (ev: MessageEvent<StepperToWebview>) => {
  const m = ev.data;
  switch (m.type) {
    case 'load':
      load(m);
      return;
    case 'control':
      act(m.action);
      return;
    case 'seek':
      moveTo(m.index);
      return;
    case 'highlight':
      source.textContent = m.loc !== undefined ? `Source: ${m.status}` : m.status;
      return;
    case 'response': {
      const r = pending.get(m.id);
      pending.delete(m.id);
      r?.({ ok: m.ok, ...(m.error !== undefined ? { error: m.error } : {}) });
      return;
    }
    default: {
      const unknown: never = m;
      post({ type: 'error', message: `unknown message ${JSON.stringify(unknown)}` });
    }
  }
});

document.addEventListener('keydown', (ev) => {
  const t = ev.target as HTMLElement | null;
  // Selects use arrows and Space, text fields every key, buttons Enter and Space: leave them theirs.
  if (isControlTarget(t, ev.key)) return;
  if (t?.classList.contains('ddia-tl-canvas-wrap') && (ev.key === 'ArrowLeft' || ev.key === 'ArrowRight')) return;
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const map: Record<string, StepAction> = {
    ArrowRight: 'step',
    '.': 'step',
    ArrowLeft: 'back',
    ',': 'back',
    ' ': 'playPause',
    n: 'nextAnomaly',
    N: 'prevAnomaly',
    Home: 'start',
    End: 'end',
  };
  const a = map[ev.key];
  if (a === undefined) return;
  ev.preventDefault();
  act(a);
});

window.addEventListener('error', (e) => post({ type: 'error', message: e.message }));
post({ type: 'ready' });
