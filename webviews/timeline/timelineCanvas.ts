/**
 * The quorum timeline drawn on a canvas: a lane per node and per client, operations as bars from
 * invocation to completion, messages as arrows, the acknowledgements that formed each quorum in
 * the "quorum" colour, anomalies flagged with the checker's reason, fault intervals shaded.
 *
 * It stays responsive on 100k-event traces because each frame only touches the visible window
 * (binary-searched, see visibleWindow.ts) and, past DETAIL_MAX messages in view, draws per-lane
 * send density instead of arrows. Redraws are coalesced to one per animation frame.
 * Zoom: wheel (when focused, or with Ctrl) and +/-; pan: drag and the arrow keys; 0 resets.
 */
import { faultIntervals, type FaultInterval } from '../../extension/views/timeline/faultIntervals';
import { type MessageSpan, type OpSpan, type TimelineModel } from '../../extension/views/timeline/timelineModel';
import {
  aggregateFromIndex,
  buildDensityIndex,
  countVisibleSpansMax,
  mergeOpRuns,
  visibleOps,
  visibleSpans,
  type DensityIndex,
} from '../../extension/views/timeline/visibleWindow';
import { readColors, type TimelineColors } from './theme';

const GUTTER = 64;
const AXIS = 22;
const LANE_H = 30;
const DETAIL_MAX = 3000;
const MIN_SPAN_MS = 0.05;

export interface TimelineCanvasOptions {
  /** Called when the user clicks an event-bearing item (an op or a message): the event index. */
  onPick?(eventIdx: number): void;
  height?: number;
}

interface Hit {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  text: string;
  pick: number;
}

export class TimelineCanvas {
  readonly wrap: HTMLDivElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly tip: HTMLDivElement;
  private readonly live: HTMLDivElement;
  private readonly faults: FaultInterval[];
  private density: DensityIndex | undefined;
  private t0: number;
  private t1: number;
  private width = 600;
  private cursorIdx = -1;
  private frame = 0;
  private hits: Hit[] = [];
  private hoverOp: OpSpan | undefined;
  private readonly disposers: (() => void)[] = [];
  /** Time spent in the last draw, for the stepper bench and the status line. */
  lastDrawMs = 0;
  lastDrawMode: 'detail' | 'aggregate' = 'detail';

  constructor(
    parent: HTMLElement,
    readonly model: TimelineModel,
    private readonly opts: TimelineCanvasOptions = {},
  ) {
    this.faults = faultIntervals(model.trace, model.endMs);
    this.t0 = 0;
    this.t1 = Math.max(model.endMs, 1);
    this.wrap = document.createElement('div');
    this.wrap.className = 'ddia-tl-canvas-wrap';
    this.wrap.tabIndex = 0;
    this.wrap.setAttribute('role', 'img');
    this.wrap.setAttribute(
      'aria-label',
      `Quorum timeline: ${model.lanes.length} lanes, ${model.ops.length} operations, ${model.spans.length} messages, ${model.anomalies.length} anomalies. Plus and minus zoom, arrow keys pan, 0 resets.`,
    );
    this.canvas = document.createElement('canvas');
    this.tip = document.createElement('div');
    this.tip.className = 'ddia-tl-tip';
    this.tip.hidden = true;
    this.live = document.createElement('div');
    this.live.className = 'ddia-tl-sr';
    this.live.setAttribute('aria-live', 'polite');
    this.wrap.append(this.canvas, this.tip, this.live);
    parent.append(this.wrap);
    this.bindInput();
    const ro = new ResizeObserver(() => this.resize());
    ro.observe(parent);
    this.disposers.push(() => ro.disconnect());
    // Theme switches change body classes; redraw to pick up the new colours.
    const mo = new MutationObserver(() => this.invalidate());
    mo.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
    this.disposers.push(() => mo.disconnect());
    this.resize();
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    for (const d of this.disposers.splice(0)) d();
  }

  get window(): { t0: number; t1: number } {
    return { t0: this.t0, t1: this.t1 };
  }

  setWindow(t0: number, t1: number): void {
    const span = Math.max(MIN_SPAN_MS, t1 - t0);
    const maxSpan = Math.max(this.model.endMs, 1) * 1.05;
    const s = Math.min(span, maxSpan);
    let a = t0;
    a = Math.max(-maxSpan * 0.025, Math.min(a, this.model.endMs + maxSpan * 0.025 - s));
    this.t0 = a;
    this.t1 = a + s;
    this.invalidate();
  }

  zoom(factor: number, atMs = (this.t0 + this.t1) / 2): void {
    const a = atMs - (atMs - this.t0) * factor;
    const b = atMs + (this.t1 - atMs) * factor;
    this.setWindow(a, b);
    this.live.textContent = `Showing ${this.t0.toFixed(1)} to ${this.t1.toFixed(1)} ms`;
  }

  pan(fraction: number): void {
    const d = (this.t1 - this.t0) * fraction;
    this.setWindow(this.t0 + d, this.t1 + d);
  }

  reset(): void {
    this.setWindow(0, Math.max(this.model.endMs, 1));
  }

  /** Show a cursor line at an event and keep it in view. */
  setCursor(idx: number): void {
    this.cursorIdx = idx;
    const e = this.eventTime(idx);
    if (e !== undefined && (e.t < this.t0 || e.t > this.t1)) {
      const w = this.t1 - this.t0;
      this.setWindow(e.t - w / 2, e.t + w / 2);
    } else this.invalidate();
  }

  /** Center and zoom to an event (used for anomalies). */
  focusEvent(idx: number, spanMs?: number): void {
    const e = this.eventTime(idx);
    if (e === undefined) return;
    const w = spanMs ?? Math.max(this.model.endMs / 10, 5);
    this.setWindow(e.t - w / 2, e.t + w / 2);
  }

  /** An event's time from the trace's time column (no event object), or undefined outside the trace. */
  private eventTime(idx: number): { t: number } | undefined {
    return idx >= 0 && idx < this.model.trace.length ? { t: this.model.trace.t[idx] as number } : undefined;
  }

  invalidate(): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private height(): number {
    return this.opts.height ?? AXIS + this.model.lanes.length * LANE_H + 8;
  }

  private resize(): void {
    const w = Math.max(320, Math.floor(this.wrap.parentElement?.clientWidth ?? 600) - 2);
    const h = this.height();
    const dpr = window.devicePixelRatio || 1;
    this.width = w;
    this.canvas.width = Math.floor(w * dpr);
    this.canvas.height = Math.floor(h * dpr);
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${h}px`;
    this.invalidate();
  }

  private x(ms: number): number {
    return GUTTER + ((ms - this.t0) / (this.t1 - this.t0)) * (this.width - GUTTER - 8);
  }

  private msAt(x: number): number {
    return this.t0 + ((x - GUTTER) / (this.width - GUTTER - 8)) * (this.t1 - this.t0);
  }

  private laneY(lane: number): number {
    return AXIS + lane * LANE_H + LANE_H / 2;
  }

  draw(): void {
    const started = performance.now();
    const c = readColors(this.wrap);
    const ctx = this.canvas.getContext('2d');
    if (ctx === null) return;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height());
    ctx.font = '11px var(--vscode-font-family), sans-serif';
    this.hits = [];
    this.drawAxis(ctx, c);
    this.drawLanes(ctx, c);
    this.drawFaults(ctx, c);
    ctx.save();
    ctx.beginPath();
    ctx.rect(GUTTER, AXIS, this.width - GUTTER, this.height() - AXIS);
    ctx.clip();
    // Decide from an O(log n) bound, so a zoomed-out frame never walks every message.
    const bound = countVisibleSpansMax(this.model, this.t0, this.t1);
    const spans = bound > DETAIL_MAX * 2 ? undefined : visibleSpans(this.model, this.t0, this.t1);
    if (spans === undefined || spans.length > DETAIL_MAX) {
      this.lastDrawMode = 'aggregate';
      this.drawDensity(ctx, c, bound);
    } else {
      this.lastDrawMode = 'detail';
      this.drawMessages(ctx, c, spans);
    }
    this.drawOps(ctx, c);
    this.drawCursor(ctx, c);
    ctx.restore();
    this.lastDrawMs = performance.now() - started;
  }

  private drawAxis(ctx: CanvasRenderingContext2D, c: TimelineColors): void {
    const span = this.t1 - this.t0;
    const raw = span / Math.max(2, (this.width - GUTTER) / 90);
    const pow = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? pow * 10;
    ctx.fillStyle = c.muted;
    ctx.strokeStyle = c.grid;
    ctx.lineWidth = 1;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'center';
    for (let t = Math.ceil(this.t0 / step) * step; t <= this.t1; t += step) {
      const x = Math.round(this.x(t)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(x, AXIS - 4);
      ctx.lineTo(x, this.height());
      ctx.globalAlpha = 0.35;
      ctx.stroke();
      ctx.globalAlpha = 1;
      ctx.fillText(`${Number(t.toPrecision(6))} ms`, x, AXIS / 2);
    }
  }

  private drawLanes(ctx: CanvasRenderingContext2D, c: TimelineColors): void {
    ctx.textAlign = 'left';
    this.model.lanes.forEach((lane, i) => {
      const y = this.laneY(i);
      ctx.strokeStyle = c.grid;
      ctx.beginPath();
      ctx.moveTo(GUTTER, Math.round(y) + 0.5);
      ctx.lineTo(this.width, Math.round(y) + 0.5);
      ctx.stroke();
      ctx.fillStyle = lane.kind === 'node' ? c.fg : c.muted;
      ctx.fillText(lane.kind === 'node' ? lane.id : `${lane.id} (client)`, 6, y);
    });
  }

  private drawFaults(ctx: CanvasRenderingContext2D, c: TimelineColors): void {
    for (const f of this.faults) {
      if (f.endMs < this.t0 || f.startMs > this.t1) continue;
      const x0 = Math.max(GUTTER, this.x(f.startMs));
      const x1 = Math.min(this.width, Math.max(x0 + 2, this.x(f.endMs)));
      if (f.kind === 'cut') {
        ctx.fillStyle = c.cut;
        ctx.globalAlpha = 0.12;
        ctx.fillRect(x0, AXIS, x1 - x0, this.height() - AXIS);
        ctx.globalAlpha = 1;
        ctx.fillRect(x0, AXIS, x1 - x0, 3);
        this.hits.push({
          x0,
          x1,
          y0: AXIS - 2,
          y1: AXIS + 5,
          text: `${f.label}\n${f.startMs.toFixed(1)}–${f.endMs.toFixed(1)} ms`,
          pick: f.startIdx,
        });
        continue;
      }
      const lane = this.model.laneOf.get(f.node);
      if (lane === undefined) continue;
      const y = this.laneY(lane);
      ctx.fillStyle = f.kind === 'down' ? c.down : c.paused;
      ctx.globalAlpha = 0.22;
      ctx.fillRect(x0, y - LANE_H / 2 + 2, x1 - x0, LANE_H - 4);
      ctx.globalAlpha = 1;
      this.hits.push({
        x0,
        x1,
        y0: y - LANE_H / 2 + 2,
        y1: y + LANE_H / 2 - 2,
        text: `${f.label}\n${f.startMs.toFixed(1)}–${f.endMs.toFixed(1)} ms`,
        pick: f.startIdx,
      });
    }
  }

  private drawMessages(ctx: CanvasRenderingContext2D, c: TimelineColors, idx: readonly number[]): void {
    const hover = this.hoverOp;
    // Ordinary messages first, quorum acks on top.
    for (const pass of [false, true]) {
      for (const k of idx) {
        const sp = this.model.spans[k] as MessageSpan;
        if (sp.quorum !== pass) continue;
        const x0 = this.x(sp.sendMs);
        const x1 = this.x(sp.endMs);
        const y0 = this.laneY(sp.fromLane);
        const y1 = this.laneY(sp.toLane);
        const mine = hover !== undefined && sp.opId === hover.opId;
        ctx.strokeStyle = sp.quorum ? c.quorum : sp.outcome === 'drop' ? c.drop : c.message;
        ctx.lineWidth = sp.quorum ? 2 : 1;
        ctx.globalAlpha = sp.quorum || mine ? 1 : hover !== undefined ? 0.15 : 0.45;
        ctx.setLineDash(sp.outcome === 'pending' ? [3, 3] : []);
        ctx.beginPath();
        ctx.moveTo(x0, y0);
        ctx.lineTo(x1, y1);
        ctx.stroke();
        if (sp.outcome === 'drop') {
          ctx.beginPath();
          ctx.moveTo(x1 - 3, y1 - 3);
          ctx.lineTo(x1 + 3, y1 + 3);
          ctx.moveTo(x1 + 3, y1 - 3);
          ctx.lineTo(x1 - 3, y1 + 3);
          ctx.stroke();
        } else if (sp.outcome === 'deliver' && Math.abs(x1 - x0) + Math.abs(y1 - y0) > 8) {
          const a = Math.atan2(y1 - y0, x1 - x0);
          ctx.beginPath();
          ctx.moveTo(x1, y1);
          ctx.lineTo(x1 - 6 * Math.cos(a - 0.4), y1 - 6 * Math.sin(a - 0.4));
          ctx.lineTo(x1 - 6 * Math.cos(a + 0.4), y1 - 6 * Math.sin(a + 0.4));
          ctx.closePath();
          ctx.fillStyle = ctx.strokeStyle;
          ctx.fill();
        }
        ctx.setLineDash([]);
        ctx.globalAlpha = 1;
        const lanes = this.model.lanes;
        const what = `${sp.label} ${lanes[sp.fromLane]?.id} → ${lanes[sp.toLane]?.id}  #${sp.msgId}`;
        const when = `sent ${sp.sendMs.toFixed(2)} ms, ${sp.outcome === 'pending' ? 'still in flight at the end' : `${sp.outcome === 'drop' ? `dropped (${sp.dropReason})` : 'delivered'} ${sp.endMs.toFixed(2)} ms`}`;
        this.hits.push({
          x0: Math.min(x0, x1) - 3,
          x1: Math.max(x0, x1) + 3,
          y0: Math.min(y0, y1) - 3,
          y1: Math.max(y0, y1) + 3,
          text: `${what}\n${when}${sp.quorum ? '\npart of the quorum that answered its operation' : ''}${sp.opId >= 0 ? `\noperation ${sp.opId}` : ''}`,
          pick: sp.endIdx >= 0 ? sp.endIdx : sp.sendIdx,
        });
      }
    }
  }

  private drawDensity(ctx: CanvasRenderingContext2D, c: TimelineColors, about: number): void {
    const buckets = Math.max(1, Math.floor((this.width - GUTTER) / 3));
    this.density ??= buildDensityIndex(this.model);
    const agg = aggregateFromIndex(this.density, this.t0, this.t1, buckets);
    const bw = (this.width - GUTTER - 8) / agg.buckets;
    for (let lane = 0; lane < this.model.lanes.length; lane++) {
      const y = this.laneY(lane);
      for (let b = 0; b < agg.buckets; b++) {
        const n = agg.sent[lane * agg.buckets + b] as number;
        if (n === 0) continue;
        const h = Math.max(1, ((LANE_H - 6) * Math.sqrt(n)) / Math.sqrt(agg.max));
        const dropped = agg.dropped[lane * agg.buckets + b] as number;
        ctx.fillStyle = dropped > 0 ? c.drop : c.message;
        ctx.globalAlpha = 0.6;
        ctx.fillRect(GUTTER + b * bw, y - h / 2, Math.max(1, bw - 0.5), h);
      }
    }
    ctx.globalAlpha = 1;
    this.live.textContent = `About ${about} messages in view: showing send density; zoom in for arrows`;
  }

  private drawOps(ctx: CanvasRenderingContext2D, c: TimelineColors): void {
    const idx = visibleOps(this.model, this.t0, this.t1);
    const pxMs = (this.t1 - this.t0) / Math.max(1, this.width - GUTTER);
    const runs = mergeOpRuns(this.model, idx, 2 * pxMs);
    for (const run of runs) {
      const y = this.laneY(run.lane);
      const x0 = this.x(run.startMs);
      const x1 = Math.max(x0 + 2, this.x(run.endMs));
      const first = this.model.ops[run.ops[0] as number] as OpSpan;
      if (run.ops.length > 1) {
        ctx.fillStyle = c.ok;
        ctx.globalAlpha = 0.55;
        ctx.fillRect(x0, y - 5, x1 - x0, 10);
        ctx.globalAlpha = 1;
        this.hits.push({
          x0,
          x1,
          y0: y - 6,
          y1: y + 6,
          text: `${run.ops.length} operations by ${first.client}\n${run.startMs.toFixed(1)}–${run.endMs.toFixed(1)} ms (zoom in to see each)`,
          pick: first.invokeIdx,
        });
        continue;
      }
      const op = first;
      const color = op.status === 'ok' ? c.ok : op.status === 'fail' ? c.fail : op.status === 'info' ? c.info : c.open;
      ctx.fillStyle = color;
      ctx.globalAlpha = this.hoverOp === op ? 1 : 0.8;
      ctx.fillRect(x0, y - 6, x1 - x0, 12);
      ctx.globalAlpha = 1;
      if (op.anomalies.length > 0) {
        ctx.strokeStyle = c.anomaly;
        ctx.lineWidth = 2;
        ctx.strokeRect(x0 - 1, y - 7, x1 - x0 + 2, 14);
        ctx.fillStyle = c.anomaly;
        ctx.beginPath();
        ctx.moveTo(x1, y - 13);
        ctx.lineTo(x1 + 6, y - 13);
        ctx.lineTo(x1 + 3, y - 7);
        ctx.closePath();
        ctx.fill();
      }
      const label = `${op.f}${op.key !== undefined ? ` ${op.key}` : ''}${op.f === 'read' ? (op.status === 'ok' ? `→${short(op.output)}` : '') : `=${short(op.input)}`}`;
      if (x1 - x0 > ctx.measureText(label).width + 6) {
        ctx.fillStyle = c.bg;
        ctx.textAlign = 'left';
        ctx.fillText(label, x0 + 3, y + 0.5);
      }
      const quorum =
        op.quorumAcks.length > 0
          ? `\nquorum: ${op.quorumAcks.length} ack${op.quorumAcks.length === 1 ? '' : 's'} to ${op.coordinator}`
          : op.coordinator !== undefined
            ? `\nanswered by ${op.coordinator} with no acknowledgements`
            : '';
      const flagged = op.anomalies.map((a) => `\n⚠ ${a}`).join('');
      this.hits.push({
        x0,
        x1: x1 + 6,
        y0: y - 13,
        y1: y + 7,
        text: `op ${op.opId} ${op.client}: ${label} (${op.status})\n${op.invokeMs.toFixed(2)}–${op.endMs.toFixed(2)} ms${quorum}${flagged}${op.loc !== undefined ? `\n${op.loc.file}:${op.loc.line}` : ''}`,
        pick: op.completeIdx >= 0 ? op.completeIdx : op.invokeIdx,
      });
    }
  }

  private drawCursor(ctx: CanvasRenderingContext2D, c: TimelineColors): void {
    const e = this.eventTime(this.cursorIdx);
    if (e === undefined) return;
    const x = Math.round(this.x(e.t)) + 0.5;
    ctx.strokeStyle = c.focus;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x, AXIS);
    ctx.lineTo(x, this.height());
    ctx.stroke();
    ctx.lineWidth = 1;
  }

  private hitAt(x: number, y: number): Hit | undefined {
    // Later hits are drawn on top; operations before messages before faults when they overlap.
    let best: Hit | undefined;
    for (let i = this.hits.length - 1; i >= 0; i--) {
      const h = this.hits[i] as Hit;
      if (x >= h.x0 && x <= h.x1 && y >= h.y0 && y <= h.y1) {
        best = h;
        break;
      }
    }
    return best;
  }

  private bindInput(): void {
    const w = this.wrap;
    let drag: { x: number; t0: number; t1: number; moved: boolean } | undefined;
    const local = (ev: MouseEvent): { x: number; y: number } => {
      const r = this.canvas.getBoundingClientRect();
      return { x: ev.clientX - r.left, y: ev.clientY - r.top };
    };
    w.addEventListener(
      'wheel',
      (ev) => {
        // Only capture the wheel when the timeline has focus (or with Ctrl), so scrolling the notebook past it still works.
        if (document.activeElement !== w && !ev.ctrlKey) return;
        ev.preventDefault();
        const { x } = local(ev);
        if (Math.abs(ev.deltaX) > Math.abs(ev.deltaY)) this.pan(ev.deltaX / 600);
        else this.zoom(ev.deltaY > 0 ? 1.2 : 1 / 1.2, this.msAt(x));
      },
      { passive: false },
    );
    w.addEventListener('mousedown', (ev) => {
      w.focus();
      drag = { x: ev.clientX, t0: this.t0, t1: this.t1, moved: false };
      w.classList.add('dragging');
    });
    const onMove = (ev: MouseEvent): void => {
      if (drag !== undefined) {
        const dx = ev.clientX - drag.x;
        if (Math.abs(dx) > 2) drag.moved = true;
        const dt = (dx / Math.max(1, this.width - GUTTER)) * (drag.t1 - drag.t0);
        this.setWindow(drag.t0 - dt, drag.t1 - dt);
        return;
      }
    };
    const onUp = (ev: MouseEvent): void => {
      if (drag === undefined) return;
      const wasClick = !drag.moved;
      drag = undefined;
      w.classList.remove('dragging');
      if (wasClick) {
        const { x, y } = local(ev);
        const h = this.hitAt(x, y);
        if (h !== undefined) this.opts.onPick?.(h.pick);
      }
    };
    window.addEventListener('mousemove', onMove);
    window.addEventListener('mouseup', onUp);
    this.disposers.push(
      () => window.removeEventListener('mousemove', onMove),
      () => window.removeEventListener('mouseup', onUp),
    );
    w.addEventListener('mousemove', (ev) => {
      if (drag !== undefined) return;
      const { x, y } = local(ev);
      const h = this.hitAt(x, y);
      const op = y > AXIS ? this.opAt(x, y) : undefined;
      if (op !== this.hoverOp) {
        this.hoverOp = op;
        this.invalidate();
      }
      if (h === undefined) {
        this.tip.hidden = true;
        return;
      }
      this.tip.textContent = h.text;
      this.tip.hidden = false;
      const left = Math.min(x + 12, this.width - this.tip.offsetWidth - 4);
      this.tip.style.left = `${Math.max(0, left)}px`;
      this.tip.style.top = `${y + 14}px`;
    });
    w.addEventListener('mouseleave', () => {
      this.tip.hidden = true;
      if (this.hoverOp !== undefined) {
        this.hoverOp = undefined;
        this.invalidate();
      }
    });
    w.addEventListener('keydown', (ev) => {
      const handled = ((): boolean => {
        switch (ev.key) {
          case '+':
          case '=':
            this.zoom(1 / 1.5);
            return true;
          case '-':
          case '_':
            this.zoom(1.5);
            return true;
          case 'ArrowLeft':
            this.pan(-0.2);
            return true;
          case 'ArrowRight':
            this.pan(0.2);
            return true;
          case '0':
          case 'Home':
            this.reset();
            return true;
          default:
            return false;
        }
      })();
      if (handled) {
        ev.preventDefault();
        ev.stopPropagation();
      }
    });
  }

  private opAt(x: number, y: number): OpSpan | undefined {
    const lane = Math.floor((y - AXIS) / LANE_H);
    const t = this.msAt(x);
    for (const k of visibleOps(this.model, t, t)) {
      const op = this.model.ops[k] as OpSpan;
      if (op.lane === lane) return op;
    }
    return undefined;
  }
}

function short(v: unknown): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined');
  return s.length > 14 ? `${s.slice(0, 13)}…` : s;
}
