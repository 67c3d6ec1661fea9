/**
 * Chrome DevTools / V8 `.cpuprofile` importer (reference: the `Profiler.Profile` type of the
 * V8 inspector protocol, js_protocol.json; the old Node `head` format from v8-profiler).
 *
 * Current format (times in µs):
 *   {nodes: [{id, callFrame: {functionName, scriptId, url, lineNumber, columnNumber},
 *             hitCount?, children?: [id], parent?: id, positionTicks?}],
 *    startTime, endTime, samples: [nodeId], timeDeltas: [µs]}
 * Old format: {head: {functionName, url, lineNumber, id, children: [node...]}, startTime,
 *   endTime (both in seconds), samples: [nodeId], timestamps: [µs]}.
 *
 * Weights follow speedscope, whose snapshots we test against: sample i happens at
 * startTime + sum(timeDeltas[0..i]); runs of identical samples merge; a run lasts until the
 * next run starts and the last run ends at the last sample's time (so `hitCount`, which counts
 * the last sample too, is not used). Time before the first sample is idle. `(root)` and
 * `(idle)` frames are dropped; `(garbage collector)` and `(program)` go on top of the previous
 * stack, because V8 reports them without the JS stack they interrupted. Line and column are
 * converted from 0-based to 1-based.
 */
import { ProfileBuilder } from '../model/builder';
import { makeGroup } from '../model/group';
import { IDLE, type Frame } from '../model/types';
import { ProfileInput } from './input';
import { type ImportResult, importError, notThisFormat, recognised } from './result';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber?: number;
  columnNumber?: number;
}

interface Node {
  id: number;
  callFrame: CallFrame;
  children?: number[];
  parent?: number;
}

interface CurrentProfile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const FORMAT = 'cpuprofile';

export function importCpuProfile(content: string | Uint8Array | ProfileInput, fileName?: string): ImportResult {
  const input = ProfileInput.from(content, fileName);
  if (!input.looksLikeJson()) return notThisFormat(FORMAT, 'not JSON');
  const head = input.text.slice(0, 4096);
  const json = input.json();
  if (!json.ok) {
    // Broken JSON is ours to report only if it starts like a profile of ours.
    if (/"(nodes|head)"\s*:/.test(head) && /"callFrame"|"functionName"/.test(head))
      return importError(FORMAT, `truncated or invalid JSON (${json.error})`);
    return notThisFormat(FORMAT, 'not valid JSON');
  }
  const raw = json.value;
  if (!isObject(raw)) return notThisFormat(FORMAT, 'not a JSON object');
  const name = input.fileName ?? 'cpuprofile';
  if (Array.isArray(raw['nodes']) && 'samples' in raw) return recognised(FORMAT, () => build(validateCurrent(raw), name));
  if (isObject(raw['head']) && 'samples' in raw) return recognised(FORMAT, () => build(convertOld(raw), name));
  return notThisFormat(FORMAT, 'no nodes/samples or head/samples fields');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function numberArray(raw: Record<string, unknown>, field: string): number[] {
  const v = raw[field];
  if (!Array.isArray(v)) throw new Error(`"${field}" is missing or not an array`);
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number') throw new Error(`"${field}"[${i}] is not a number`);
  return v as number[];
}

function finite(raw: Record<string, unknown>, field: string): number {
  const v = raw[field];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`"${field}" is missing or not a number`);
  return v;
}

function validateCurrent(raw: Record<string, unknown>): CurrentProfile {
  const nodes = raw['nodes'] as unknown[];
  nodes.forEach((n, i) => {
    if (!isObject(n) || typeof n['id'] !== 'number') throw new Error(`nodes[${i}] has no numeric id`);
    const cf = n['callFrame'];
    if (!isObject(cf) || typeof cf['functionName'] !== 'string')
      throw new Error(`nodes[${i}] (id ${n['id']}) has no callFrame.functionName`);
    if (n['children'] !== undefined && !Array.isArray(n['children'])) throw new Error(`nodes[${i}] (id ${n['id']}) has non-array children`);
  });
  const samples = numberArray(raw, 'samples');
  const timeDeltas = numberArray(raw, 'timeDeltas');
  if (timeDeltas.length !== samples.length)
    throw new Error(`"timeDeltas" has ${timeDeltas.length} entries but "samples" has ${samples.length} (truncated file?)`);
  return { nodes: nodes as Node[], startTime: finite(raw, 'startTime'), endTime: finite(raw, 'endTime'), samples, timeDeltas };
}

/** Old `head` format → current format (seconds → µs, absolute timestamps → deltas). */
function convertOld(raw: Record<string, unknown>): CurrentProfile {
  const nodes: Node[] = [];
  const work: unknown[] = [raw['head']];
  while (work.length > 0) {
    const n = work.pop();
    if (!isObject(n) || typeof n['id'] !== 'number' || typeof n['functionName'] !== 'string')
      throw new Error(`node ${nodes.length} of "head" has no numeric id or functionName`);
    const children = Array.isArray(n['children']) ? (n['children'] as unknown[]) : [];
    nodes.push({
      id: n['id'],
      callFrame: {
        functionName: n['functionName'],
        url: typeof n['url'] === 'string' ? n['url'] : '',
        lineNumber: n['lineNumber'] as number | undefined,
        columnNumber: 0,
      },
      children: children.map((c) => (isObject(c) && typeof c['id'] === 'number' ? c['id'] : NaN)),
    });
    for (let i = children.length - 1; i >= 0; i--) work.push(children[i]);
  }
  const samples = numberArray(raw, 'samples');
  const timestamps = numberArray(raw, 'timestamps');
  if (timestamps.length < samples.length)
    throw new Error(`"timestamps" has ${timestamps.length} entries but "samples" has ${samples.length} (truncated file?)`);
  const startTime = finite(raw, 'startTime') * 1e6;
  const timeDeltas = samples.map((_, i) => (timestamps[i] as number) - (i === 0 ? startTime : (timestamps[i - 1] as number)));
  return { nodes, startTime, endTime: finite(raw, 'endTime') * 1e6, samples, timeDeltas };
}

function frameOf(cf: CallFrame): Frame {
  const url = typeof cf.url === 'string' ? cf.url : '';
  const line = typeof cf.lineNumber === 'number' && cf.lineNumber >= 0 ? cf.lineNumber + 1 : undefined;
  const col = typeof cf.columnNumber === 'number' && cf.columnNumber >= 0 ? cf.columnNumber + 1 : undefined;
  const name = cf.functionName || (url ? `(anonymous ${url.split('/').pop()}:${line ?? 0})` : '(anonymous)');
  const frame: { name: string; file?: string; line?: number; col?: number } = { name };
  if (url) frame.file = url;
  if (line !== undefined) frame.line = line;
  if (col !== undefined) frame.col = col;
  return frame;
}

const isIgnored = (cf: CallFrame): boolean => cf.functionName === '(root)' || cf.functionName === '(idle)' || cf.url === 'native dummy.js';
const onTopOfPrevious = (cf: CallFrame): boolean => cf.functionName === '(garbage collector)' || cf.functionName === '(program)';

function build(p: CurrentProfile, name: string) {
  const byId = new Map<number, Node>();
  for (const n of p.nodes) byId.set(n.id, n);
  const parentOf = new Map<number, number>();
  for (const n of p.nodes) {
    if (typeof n.parent === 'number') parentOf.set(n.id, n.parent);
    for (const c of n.children ?? []) {
      if (!byId.has(c)) throw new Error(`node ${n.id} lists child ${c}, which is not in "nodes"`);
      parentOf.set(c, n.id);
    }
  }

  // Runs of identical samples, with the (clamped) time at which each run starts.
  const runNode: number[] = [];
  const runTime: number[] = [];
  const { samples, timeDeltas } = p;
  let elapsed = timeDeltas[0] ?? 0;
  let lastValid = elapsed;
  const pushRun = (id: number): void => {
    runNode.push(id);
    if (elapsed < lastValid) runTime.push(lastValid);
    else {
      runTime.push(elapsed);
      lastValid = elapsed;
    }
  };
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i] as number;
    if (!byId.has(id)) throw new Error(`samples[${i}] refers to node ${id}, which is not in "nodes"`);
    if (i === 0 || id !== samples[i - 1]) pushRun(id);
    if (i < samples.length - 1) elapsed += timeDeltas[i + 1] as number;
  }
  // The last sample only marks the end of the previous run: it gets no duration of its own.
  if (samples.length > 1) pushRun(samples[samples.length - 2] as number);

  const builder = new ProfileBuilder({ name, unit: 'microseconds' });
  const frameByNode = new Map<number, number>();
  const staticStack = new Map<number, number>();
  const frameIndex = (n: Node): number => {
    let f = frameByNode.get(n.id);
    if (f === undefined) frameByNode.set(n.id, (f = builder.frame(frameOf(n.callFrame))));
    return f;
  };
  // Stack of a node = stack of its parent + its frame, memoised so a deep tree costs O(nodes).
  // Nodes at or under (garbage collector)/(program) depend on the previous sample's stack and
  // are recomputed each time; ignored nodes ((root), (idle)) end the chain.
  const stackOf = (id: number, previous: number): number => {
    const chain: Node[] = [];
    let base = IDLE;
    let dynamic = false;
    for (let n = byId.get(id); n;) {
      const cached = staticStack.get(n.id);
      if (cached !== undefined) {
        base = cached;
        break;
      }
      if (isIgnored(n.callFrame)) break;
      chain.push(n);
      if (chain.length > byId.size) throw new Error(`node ${id} is part of a parent cycle`);
      if (onTopOfPrevious(n.callFrame)) {
        base = previous;
        dynamic = true;
        break;
      }
      const parent = parentOf.get(n.id);
      n = parent === undefined ? undefined : byId.get(parent);
    }
    let s = base;
    for (let i = chain.length - 1; i >= 0; i--) {
      const n = chain[i] as Node;
      s = builder.stack(s, frameIndex(n));
      if (!dynamic) staticStack.set(n.id, s);
    }
    if (chain.length === 0 && !dynamic) staticStack.set(id, s);
    return s;
  };

  if ((runTime[0] ?? 0) > 0) builder.appendStackSample(IDLE, runTime[0] as number);
  let previous = IDLE;
  for (let k = 0; k < runNode.length; k++) {
    const stack = stackOf(runNode[k] as number, previous);
    const end = k + 1 < runNode.length ? (runTime[k + 1] as number) : (runTime[k] as number);
    builder.appendStackSample(stack, end - (runTime[k] as number));
    previous = stack;
  }
  return makeGroup(name, [builder.build()]);
}
