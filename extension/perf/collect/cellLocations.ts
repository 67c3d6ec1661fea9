/**
 * Where a notebook cell's code sits in its lab file, so profile frames from cells can point at
 * a real file and line. The kernel names each cell's script `ddia-cell:cell <id>` (cells with
 * an id, which every shipped lab cell has) or `ddia-cell:Cell <n>`; only ids are stable across
 * the notebook and the CLI, so only those are mapped. The mapping reads the lab file as saved:
 * a cell edited but not saved may be off by the lines added since.
 */
import { parseInfoString } from '../../notebook/format/infoString';
import { type LocationMapper } from './focusCpuProfile';

const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
export const CELL_URL_PREFIX = 'ddia-cell:';

/** Cell id → 1-based line of its opening fence, for the ```ts / ```typescript cells of a lab file. */
export function cellFenceLines(labText: string): Map<string, number> {
  const out = new Map<string, number>();
  const lines = labText.split(/\r?\n/);
  let closing: RegExp | undefined;
  lines.forEach((text, i) => {
    if (closing) {
      if (closing.test(text)) closing = undefined;
      return;
    }
    const open = FENCE_OPEN.exec(text);
    if (!open) return;
    const fence = open[1] as string;
    closing = new RegExp(`^${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
    const { language, attributes } = parseInfoString(open[2] as string);
    const id = attributes['id'];
    if ((language === 'ts' || language === 'typescript') && id && !out.has(id)) out.set(id, i + 1);
  });
  return out;
}

/**
 * A location mapper for one lab: cell scripts → (lab file, line in the file); `file://` URLs →
 * paths. Lines are 0-based on both sides, as in the V8 profile.
 */
export function labLocationMapper(labFile: string | undefined, labText: string | undefined): LocationMapper {
  const fences = labText === undefined ? new Map<string, number>() : cellFenceLines(labText);
  return (url, line) => {
    if (url.startsWith(CELL_URL_PREFIX)) {
      const m = /^cell (.+)$/.exec(url.slice(CELL_URL_PREFIX.length));
      const fence = m ? fences.get(m[1] as string) : undefined;
      if (labFile === undefined || fence === undefined) return undefined;
      // Line 0 of the cell script is the line right after the fence (1-based fence line).
      return { url: labFile, line: fence + line };
    }
    if (url.startsWith('file://')) return { url: fileUrlToPath(url), line };
    return undefined;
  };
}

function fileUrlToPath(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return url;
  }
}
