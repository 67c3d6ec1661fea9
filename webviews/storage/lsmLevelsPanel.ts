/**
 * The `lsmLevels` output: title, summary, the live progress line (for `storage.watch`), the
 * levels drawing, and the details of a table the user clicked. Live frames arrive as the same
 * output redrawn on the same element, so the panel updates in place: the header and scroll
 * container stay, only the drawing is swapped (in one task, so nothing flickers), and the
 * horizontal scroll and the picked table survive from frame to frame. Tables new since the
 * previous frame flash (a flush or a compaction's output); tables moved down flash too.
 */
import type { LsmLevelsSpec, LsmTableView } from '../../extension/views/storage/storageOutputs';
import { formatBytes, keyAxis } from '../../extension/views/storage/lsmLayout';
import { drawLevels } from './lsmLevelsView';
import { drawProgress } from './progressLine';

/** What one output remembers between its frames (kept by the renderer per output id). */
export interface LsmPanelMemory {
  selected?: number;
  /** Table id → level in the previous frame. */
  tables?: Map<number, number>;
  spec?: LsmLevelsSpec;
}

interface Parts {
  root: HTMLElement;
  head: HTMLElement;
  note: HTMLElement;
  progress: HTMLElement;
  canvas: HTMLElement;
  details: HTMLElement;
}

function part(root: HTMLElement, cls: string, tag = 'div'): HTMLElement {
  const found = root.querySelector<HTMLElement>(`:scope > .${cls}`);
  if (found) return found;
  const el = document.createElement(tag);
  el.className = cls;
  root.append(el);
  return el;
}

function findTable(spec: LsmLevelsSpec, id: number): { table: LsmTableView; level: number } | undefined {
  for (const l of spec.levels) {
    const table = l.tables.find((t) => t.id === id);
    if (table) return { table, level: l.level };
  }
  return undefined;
}

function drawDetails(details: HTMLElement, memory: LsmPanelMemory): void {
  details.textContent = detailsText(memory);
  details.hidden = details.textContent === '';
}

function detailsText(memory: LsmPanelMemory): string {
  const spec = memory.spec;
  if (!spec || memory.selected === undefined) return spec?.progress ? 'Click a table to follow it while the workload runs.' : '';
  const found = findTable(spec, memory.selected);
  return found
    ? `table #${found.table.id} in L${found.level}: keys ${found.table.smallest} … ${found.table.largest}, ${formatBytes(found.table.sizeBytes)}, ${found.table.entryCount} entries, ${found.table.tombstoneCount} tombstones`
    : `table #${memory.selected} is gone: a compaction merged it into tables below.`;
}

function partsOf(element: HTMLElement, memory: LsmPanelMemory): Parts {
  let root = element.querySelector<HTMLElement>(':scope > .ddia-lsm');
  if (!root) {
    root = document.createElement('div');
    root.className = 'ddia-storage ddia-lsm';
    element.replaceChildren(root);
  }
  const parts: Parts = {
    root,
    head: part(root, 'ddia-storage-title'),
    note: part(root, 'ddia-storage-note'),
    progress: part(root, 'ddia-storage-progress'),
    canvas: part(root, 'ddia-storage-canvas'),
    details: part(root, 'ddia-storage-details'),
  };
  if (!root.dataset['wired']) {
    root.dataset['wired'] = '1';
    // One listener for every frame: the drawing under it is replaced, the canvas is not.
    parts.canvas.addEventListener('click', (event) => {
      const g = (event.target as Element | null)?.closest('[data-table-id]');
      if (!g) return;
      const id = Number(g.getAttribute('data-table-id'));
      memory.selected = memory.selected === id ? undefined : id;
      for (const el of parts.canvas.querySelectorAll('.ddia-lsm-table')) {
        el.classList.toggle('is-selected', Number(el.getAttribute('data-table-id')) === memory.selected);
      }
      drawDetails(parts.details, memory);
    });
  }
  return parts;
}

export function drawLsmPanel(element: HTMLElement, spec: LsmLevelsSpec, memory: LsmPanelMemory): void {
  const p = partsOf(element, memory);
  p.root.classList.toggle('ddia-lsm-live', spec.progress !== undefined);
  p.head.textContent = spec.title ?? `LSM tree (${spec.style})`;
  const tables = spec.levels.reduce((n, l) => n + l.tables.length, 0);
  p.note.textContent = `${spec.style} compaction · memtable ${spec.memtable.entries} entries · ${tables} tables (hover a table for its key range and size)`;
  drawProgress(p.progress, spec.progress);

  const fresh = new Set<number>();
  const moved = new Set<number>();
  const before = spec.progress ? memory.tables : undefined;
  const now = new Map<number, number>();
  for (const l of spec.levels)
    for (const t of l.tables) {
      now.set(t.id, l.level);
      if (before && !before.has(t.id)) fresh.add(t.id);
      else if (before && before.get(t.id) !== l.level) moved.add(t.id);
    }
  memory.tables = now;
  memory.spec = spec;

  const width = Math.max(420, Math.min(1100, element.clientWidth || 760));
  const scrollLeft = p.canvas.scrollLeft;
  p.canvas.replaceChildren(
    drawLevels(spec.levels, keyAxis([spec.levels]), width, {
      fresh,
      moved,
      ...(memory.selected !== undefined ? { selected: memory.selected } : {}),
    }),
  );
  p.canvas.scrollLeft = scrollLeft;
  drawDetails(p.details, memory);
}
