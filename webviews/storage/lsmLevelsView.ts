/**
 * Draws one state of an LSM tree: a band per level (name, size, whether its tables overlap) and
 * a box per table over its key range. Used alone for `lsmLevels` outputs and as one frame of the
 * compaction player, which passes the tables to outline (inputs) and to fill (outputs).
 */
import type { LsmLevelView } from '../../extension/views/storage/storageOutputs';
import { formatBytes, LABEL_WIDTH, layoutLevels } from '../../extension/views/storage/lsmLayout';
import { svgEl, svgTitle } from './svg';

export interface LevelsHighlight {
  /** Tables about to be merged (outlined). */
  readonly inputs?: ReadonlySet<number>;
  /** Tables just written (accent fill). */
  readonly outputs?: ReadonlySet<number>;
  /** Live views: tables that appeared since the previous frame (a brief flash). */
  readonly fresh?: ReadonlySet<number>;
  /** Live views: tables that moved to another level since the previous frame. */
  readonly moved?: ReadonlySet<number>;
  /** The table the user picked (outlined; it stays picked across live frames). */
  readonly selected?: number;
}

export function drawLevels(
  levels: readonly LsmLevelView[],
  axis: readonly string[],
  width: number,
  highlight: LevelsHighlight = {},
): SVGSVGElement {
  const layout = layoutLevels(levels, axis, width);
  const svg = svgEl('svg', {
    class: 'ddia-lsm-svg',
    width: layout.width,
    height: layout.height,
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    role: 'img',
    'aria-label': levels.map((l) => `level ${l.level}: ${l.tables.length} tables, ${formatBytes(l.sizeBytes)}`).join('; '),
  });
  for (const band of layout.bands) {
    svg.append(svgEl('rect', { class: 'ddia-lsm-band', x: 0, y: band.y, width: layout.width, height: band.height, rx: 3 }));
    const label = svgEl('text', { class: 'ddia-lsm-label', x: 6, y: band.y + 15 });
    label.append(
      svgEl('tspan', { 'font-weight': 600 }, `L${band.level.level}`),
      svgEl('tspan', { dx: 6 }, formatBytes(band.level.sizeBytes)),
    );
    svg.append(label);
    if (band.level.overlapping && band.level.tables.length > 1)
      svg.append(svgEl('text', { class: 'ddia-lsm-note', x: 6, y: band.y + 28 }, 'overlapping'));
  }
  for (const b of layout.boxes) {
    const t = b.table;
    const cls = ['ddia-lsm-table'];
    if (highlight.inputs?.has(t.id)) cls.push('is-input');
    if (highlight.outputs?.has(t.id)) cls.push('is-output');
    if (t.tombstoneCount > 0) cls.push('has-tombstones');
    if (highlight.fresh?.has(t.id)) cls.push('is-fresh');
    if (highlight.moved?.has(t.id)) cls.push('is-moved');
    if (highlight.selected === t.id) cls.push('is-selected');
    const g = svgEl('g', { class: cls.join(' '), 'data-table-id': t.id });
    g.append(
      svgTitle(
        `table #${t.id} (level ${b.level})\nkeys ${t.smallest} … ${t.largest}\n${formatBytes(t.sizeBytes)}, ${t.entryCount} entries, ${t.tombstoneCount} tombstones` +
          (highlight.inputs?.has(t.id) ? '\ninput of this step' : highlight.outputs?.has(t.id) ? '\nwritten by this step' : ''),
      ),
      svgEl('rect', { x: b.x, y: b.y, width: b.width, height: b.height, rx: 2 }),
    );
    if (b.width > 34) g.append(svgEl('text', { x: b.x + 4, y: b.y + b.height - 5 }, `#${t.id}`));
    svg.append(g);
  }
  if (axis.length > 0) {
    const y = layout.height;
    svg.setAttribute('height', String(y + 16));
    svg.setAttribute('viewBox', `0 0 ${layout.width} ${y + 16}`);
    svg.append(
      svgEl('text', { class: 'ddia-lsm-axis', x: LABEL_WIDTH, y: y + 12 }, axis[0] as string),
      svgEl('text', { class: 'ddia-lsm-axis', x: layout.width - 8, y: y + 12, 'text-anchor': 'end' }, axis[axis.length - 1] as string),
    );
  }
  return svg;
}
