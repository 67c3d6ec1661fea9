/**
 * Plays a recorded compaction: the levels frame by frame, with play/pause, step back, step
 * forward, first and last. Every control is a real button (Tab, Enter, Space); with the view
 * focused, Space plays or pauses, ←/→ step, Home/End jump. The caption is a polite live region,
 * so a screen reader hears what each step did.
 */
import type { CompactionSpec } from '../../extension/views/storage/storageOutputs';
import { compactionFrames } from '../../extension/views/storage/compactionFrames';
import { keyAxis } from '../../extension/views/storage/lsmLayout';
import { drawLevels } from './lsmLevelsView';

const FRAME_MS = 1100;

export interface Player {
  dispose(): void;
}

function button(label: string, text: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'ddia-player-button';
  b.textContent = text;
  b.setAttribute('aria-label', label);
  b.title = label;
  b.addEventListener('click', onClick);
  return b;
}

export function playCompaction(element: HTMLElement, spec: CompactionSpec): Player {
  const frames = compactionFrames(spec);
  const axis = keyAxis(frames.map((f) => f.levels));
  element.replaceChildren();
  const root = document.createElement('div');
  root.className = 'ddia-storage ddia-player';
  root.tabIndex = 0;
  root.setAttribute('role', 'group');
  // A click focuses the player for its keys; without preventScroll Chromium scrolls the notebook
  // sideways to show the focused box, shifting every cell. Buttons keep their own focus.
  root.addEventListener('mousedown', (e) => {
    if ((e.target as HTMLElement).closest('button')) return;
    e.preventDefault();
    root.focus({ preventScroll: true });
  });
  root.setAttribute('aria-roledescription', 'compaction player');
  root.setAttribute(
    'aria-label',
    `${spec.title ?? 'Compaction'}: ${spec.style} LSM tree, ${spec.steps.length} steps. Space plays or pauses, arrow keys step.`,
  );
  if (spec.title) {
    const h = document.createElement('div');
    h.className = 'ddia-storage-title';
    h.textContent = spec.title;
    root.append(h);
  }
  const controls = document.createElement('div');
  controls.className = 'ddia-player-controls';
  const canvas = document.createElement('div');
  canvas.className = 'ddia-storage-canvas';
  const caption = document.createElement('div');
  caption.className = 'ddia-player-caption';
  caption.setAttribute('aria-live', 'polite');
  const position = document.createElement('span');
  position.className = 'ddia-player-position';

  let index = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  const width = (): number => Math.max(420, Math.min(1100, element.clientWidth || 760));

  const show = (i: number): void => {
    index = Math.max(0, Math.min(frames.length - 1, i));
    const f = frames[index];
    if (!f) return;
    canvas.replaceChildren(drawLevels(f.levels, axis, width(), { inputs: f.inputs, outputs: f.outputs }));
    caption.textContent = f.caption;
    position.textContent = `frame ${index + 1} / ${frames.length}`;
    back.disabled = index === 0;
    first.disabled = index === 0;
    forward.disabled = index === frames.length - 1;
    last.disabled = index === frames.length - 1;
  };
  const pause = (): void => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    play.textContent = '▶ Play';
    play.setAttribute('aria-label', 'Play');
    play.setAttribute('aria-pressed', 'false');
  };
  const start = (): void => {
    if (index === frames.length - 1) show(0);
    play.textContent = '⏸ Pause';
    play.setAttribute('aria-label', 'Pause');
    play.setAttribute('aria-pressed', 'true');
    timer = setInterval(() => {
      if (index >= frames.length - 1) pause();
      else show(index + 1);
    }, FRAME_MS);
  };
  const toggle = (): void => (timer === undefined ? start() : pause());
  const first = button('First frame', '|◀', () => (pause(), show(0)));
  const back = button('Step back', '◀', () => (pause(), show(index - 1)));
  const play = button('Play', '▶ Play', toggle);
  const forward = button('Step forward', '▶', () => (pause(), show(index + 1)));
  const last = button('Last frame', '▶|', () => (pause(), show(frames.length - 1)));
  controls.append(first, back, play, forward, last, position);

  root.addEventListener('keydown', (e) => {
    // Buttons handle their own Enter/Space; the shortcuts apply when the view itself has focus.
    if (e.target instanceof HTMLButtonElement && (e.key === ' ' || e.key === 'Enter')) return;
    const actions: Record<string, () => void> = {
      ' ': toggle,
      ArrowRight: () => (pause(), show(index + 1)),
      ArrowLeft: () => (pause(), show(index - 1)),
      Home: () => (pause(), show(0)),
      End: () => (pause(), show(frames.length - 1)),
    };
    const action = actions[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  });

  const legend = document.createElement('div');
  legend.className = 'ddia-player-legend';
  for (const [cls, text] of [
    ['is-input', 'input of the step'],
    ['is-output', 'written by the step'],
    ['', 'other table (dashed: holds tombstones)'],
  ] as const) {
    const item = document.createElement('span');
    const swatch = document.createElement('i');
    swatch.className = `ddia-swatch ${cls}`;
    item.append(swatch, text);
    legend.append(item);
  }
  root.append(controls, canvas, caption, legend);
  if (spec.steps.length === 0) {
    const note = document.createElement('div');
    note.className = 'ddia-storage-note';
    note.textContent = 'Nothing was flushed or compacted while the action ran.';
    root.append(note);
  }
  element.append(root);
  show(0);
  return { dispose: pause };
}
