/**
 * Brendan Gregg's folded ("collapsed") stacks importer (reference: FlameGraph README, "2. Fold
 * stacks"; the output of the stackcollapse-*.pl scripts):
 *
 *   frame;frame;...;leaf <count>\n
 *
 * root first, frames separated by `;`, one space before an integer count. Lines in file order
 * become samples in that order (no sorting, so a time-ordered view shows the file order). CRLF
 * endings and UTF-16 with a byte-order mark are accepted (decoded by ProfileInput); lines that
 * are not `<stack> <count>` (comments, blank or junk lines) are skipped, as speedscope and
 * flamegraph.pl do. A file with no valid line at all is not folded stacks.
 */
import { ProfileBuilder } from '../model/builder';
import { makeGroup } from '../model/group';
import { ProfileInput } from './input';
import { type ImportResult, notThisFormat, recognised } from './result';

const FORMAT = 'folded';
const LINE = /^(.*) (\d+)$/;

export function importFolded(content: string | Uint8Array | ProfileInput, fileName?: string): ImportResult {
  const input = ProfileInput.from(content, fileName);
  if (input.looksLikeJson()) return notThisFormat(FORMAT, 'JSON, not folded stacks');
  const lines = input.text.split(/\r?\n/);
  if (!lines.some((l) => !l.startsWith('#') && LINE.test(l))) return notThisFormat(FORMAT, 'no "<stack> <count>" line');
  const name = input.fileName ?? 'folded stacks';
  return recognised(FORMAT, () => {
    const builder = new ProfileBuilder({ name, unit: 'none' });
    // Frames are looked up by name; a per-import cache skips the builder's key construction.
    const frameByName = new Map<string, number>();
    lines.forEach((line, i) => {
      if (line.startsWith('#')) return;
      const m = LINE.exec(line);
      if (!m) return;
      const count = Number(m[2]);
      if (!Number.isSafeInteger(count)) throw new Error(`line ${i + 1}: count ${m[2]} is too large`);
      const stack = (m[1] as string).split(';').map((frameName) => {
        let f = frameByName.get(frameName);
        if (f === undefined) frameByName.set(frameName, (f = builder.frame({ name: frameName })));
        return f;
      });
      builder.appendSample(stack, count);
    });
    return makeGroup(name, [builder.build()]);
  });
}
