/**
 * Layout of LSM levels, a pure function of the data: one horizontal band per level, each table
 * a box spanning its key range on a key axis shared by every frame of an animation (so a table
 * stays put while the frames change around it). The axis is by key rank, not by byte value:
 * keys are arbitrary strings, and rank spacing keeps dense and sparse ranges both readable.
 * Overlapping tables (L0, tiers) are stacked on separate rows so none hides another.
 */
import type { LsmLevelView, LsmTableView } from './storageOutputs';

export const LABEL_WIDTH = 112;
export const ROW_HEIGHT = 22;
export const BAND_GAP = 10;
const MIN_BOX_WIDTH = 8;
const ROW_GAP_PX = 3;

export interface TableBox {
  readonly table: LsmTableView;
  readonly level: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface LevelBand {
  readonly level: LsmLevelView;
  readonly y: number;
  readonly height: number;
}

export interface LevelsLayout {
  readonly bands: readonly LevelBand[];
  readonly boxes: readonly TableBox[];
  readonly width: number;
  readonly height: number;
}

/** Every table boundary key of every frame, sorted and unique: the shared key axis. */
export function keyAxis(frames: readonly (readonly LsmLevelView[])[]): string[] {
  const keys = new Set<string>();
  for (const levels of frames) for (const l of levels) for (const t of l.tables) keys.add(t.smallest).add(t.largest);
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function layoutLevels(levels: readonly LsmLevelView[], axis: readonly string[], width: number): LevelsLayout {
  const rank = new Map(axis.map((k, i) => [k, i]));
  const plot = Math.max(80, width - LABEL_WIDTH - 8);
  const xOf = (key: string): number => LABEL_WIDTH + (axis.length <= 1 ? plot / 2 : ((rank.get(key) ?? 0) / (axis.length - 1)) * plot);
  const bands: LevelBand[] = [];
  const boxes: TableBox[] = [];
  let y = 0;
  for (const level of levels) {
    // Greedy interval colouring: each table goes on the first row whose last box ends before it starts.
    const rowEnds: number[] = [];
    const placed = [...level.tables]
      .sort((a, b) => xOf(a.smallest) - xOf(b.smallest) || a.id - b.id)
      .map((t) => {
        const x0 = xOf(t.smallest);
        const w = Math.max(MIN_BOX_WIDTH, xOf(t.largest) - x0);
        let row = rowEnds.findIndex((end) => end + ROW_GAP_PX <= x0);
        if (row === -1) {
          row = rowEnds.length;
          rowEnds.push(0);
        }
        rowEnds[row] = x0 + w;
        return { t, x0, w, row };
      });
    const rows = Math.max(1, rowEnds.length);
    for (const p of placed)
      boxes.push({ table: p.t, level: level.level, x: p.x0, y: y + p.row * ROW_HEIGHT + 2, width: p.w, height: ROW_HEIGHT - 4 });
    bands.push({ level, y, height: rows * ROW_HEIGHT });
    y += rows * ROW_HEIGHT + BAND_GAP;
  }
  return { bands, boxes, width: Math.max(width, LABEL_WIDTH + 88), height: Math.max(ROW_HEIGHT, y - BAND_GAP) };
}

/** "12.3 KiB" style sizes for labels. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
}
