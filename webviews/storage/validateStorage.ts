/**
 * Checks storage-output JSON before drawing (specs in extension/protocol/storageOutputs.ts): a
 * spec the renderer cannot draw gets an error box that names the problem, never a blank or a
 * half-drawn view. Pure: no DOM.
 */
import type { BTreeSpec, CompactionSpec, LsmLevelsSpec } from '../../extension/protocol/storageOutputs';

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isStr = (v: unknown): v is string => typeof v === 'string';

function checkVersion(v: Record<string, unknown>, what: string): string | null {
  if (v['version'] !== 1) return `unsupported ${what} version ${JSON.stringify(v['version'])} (this renderer draws version 1)`;
  return null;
}

/** A problem with a list of levels, or null. `where` prefixes the message ("step 3: "). */
function levelsProblem(levels: unknown, where: string): string | null {
  if (!Array.isArray(levels)) return `${where}'levels' must be a list`;
  for (const [i, l] of levels.entries()) {
    if (!isObj(l) || !isCount(l['level']) || !Array.isArray(l['tables']))
      return `${where}level ${i} needs a numeric 'level' and a 'tables' list`;
    for (const t of l['tables'] as unknown[]) {
      if (!isObj(t) || !isCount(t['id']) || !isStr(t['smallest']) || !isStr(t['largest']) || !isCount(t['sizeBytes']))
        return `${where}a table of level ${String(l['level'])} needs id, smallest, largest and sizeBytes`;
    }
  }
  return null;
}

export function checkLsmLevels(v: unknown): Checked<LsmLevelsSpec> {
  if (!isObj(v)) return { ok: false, problem: 'the LSM levels data is not a JSON object' };
  const problem = checkVersion(v, 'LSM levels') ?? levelsProblem(v['levels'], '');
  if (problem) return { ok: false, problem };
  if (!isObj(v['memtable']) || !isCount(v['memtable']['entries'])) return { ok: false, problem: "'memtable' needs an 'entries' count" };
  return { ok: true, value: v as unknown as LsmLevelsSpec };
}

export function checkCompaction(v: unknown): Checked<CompactionSpec> {
  if (!isObj(v)) return { ok: false, problem: 'the compaction data is not a JSON object' };
  const problem = checkVersion(v, 'compaction') ?? levelsProblem(v['levelsBefore'], 'levelsBefore: ');
  if (problem) return { ok: false, problem };
  if (!Array.isArray(v['steps'])) return { ok: false, problem: "'steps' must be a list" };
  for (const [i, s] of (v['steps'] as unknown[]).entries()) {
    if (!isObj(s) || !Array.isArray(s['inputs']) || !Array.isArray(s['outputIds']) || !isCount(s['outputLevel']))
      return { ok: false, problem: `step ${i + 1} needs 'inputs', 'outputIds' and 'outputLevel'` };
    const p = levelsProblem(s['levelsAfter'], `step ${i + 1}: `);
    if (p) return { ok: false, problem: p };
  }
  return { ok: true, value: v as unknown as CompactionSpec };
}

export function checkBTree(v: unknown): Checked<BTreeSpec> {
  if (!isObj(v)) return { ok: false, problem: 'the B-tree data is not a JSON object' };
  const problem = checkVersion(v, 'B-tree');
  if (problem) return { ok: false, problem };
  if (!Array.isArray(v['pages']) || v['pages'].length === 0) return { ok: false, problem: "'pages' must be a non-empty list" };
  const ids = new Set<number>();
  for (const p of v['pages'] as unknown[]) {
    if (
      !isObj(p) ||
      !isCount(p['id']) ||
      (p['kind'] !== 'leaf' && p['kind'] !== 'internal') ||
      !Array.isArray(p['keys']) ||
      !Array.isArray(p['children'])
    )
      return { ok: false, problem: 'each page needs id, kind (leaf or internal), keys and children' };
    if (!isCount(p['fillFactor'])) return { ok: false, problem: `page ${String(p['id'])} has no numeric fillFactor` };
    if (ids.has(p['id'])) return { ok: false, problem: `page ${p['id']} appears twice` };
    ids.add(p['id']);
  }
  if (!ids.has(v['rootId'] as number)) return { ok: false, problem: `the root page ${JSON.stringify(v['rootId'])} is not among the pages` };
  return { ok: true, value: v as unknown as BTreeSpec };
}
