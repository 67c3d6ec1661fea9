/**
 * perf.profile: CPU profiles of cell code through the V8 inspector.
 *
 *   const p = await perf.profile(() => slowSum(1e6));   // a flame graph when shown
 *   p.top(5); p.folded(); p.save('slow.cpuprofile');
 *   perf.diff(before, after)                            // a differential flame graph
 *
 * It opens an inspector session on the current thread (the kernel worker in a notebook, the
 * test process under the grader, the CLI's kernel worker for `ddia-labs run`), samples at
 * `intervalUs`, and stops when the function returns or its promise settles. The raw profile is
 * narrowed to the learner's code (perf/collect/focusCpuProfile.ts) and cell frames are mapped
 * to their lab file and line (perf/collect/cellLocations.ts), then imported with the same
 * importer the flame-graph editor uses. Where no inspector is available (Node built without
 * it, or a profile already running on this thread) the function still runs and the result
 * says why there is no profile.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vm from 'node:vm';
import { type RawCpuProfile, focusCpuProfile } from '../perf/collect/focusCpuProfile';
import { labLocationMapper } from '../perf/collect/cellLocations';
import { importCpuProfile } from '../perf/import/cpuprofile';
import { exportFolded } from '../perf/import/exportFolded';
import { exportSpeedscope, type SpeedscopeFile } from '../perf/import/exportSpeedscope';
import { diffProfiles } from '../perf/model/diff';
import { ProfileBuilder } from '../perf/model/builder';
import { makeGroup } from '../perf/model/group';
import { type Profile, type ProfileGroup } from '../perf/model/types';
import { frameWeights, totalWeight } from '../perf/model/weights';
import { FLAME_MIME, type FlameSpec } from '../views/flame/flameOutput';
import { DISPLAYABLE, type Displayable } from './outputs';
import type { OutputBundle } from '../views/notebook/outputBundle';

/**
 * 1 ms, the interval of `node --cpu-prof` and of V8's own default: fine enough to resolve a
 * function that takes a few percent of a 100 ms run, and cheap (bench:profile-overhead).
 */
export const DEFAULT_INTERVAL_US = 1000;

export interface ProfileOptions {
  /** Sampling interval in microseconds (default 1000). Smaller sees more and costs more. */
  readonly intervalUs?: number;
  /** Title of the flame graph (default "CPU profile"). */
  readonly title?: string;
}

export interface TopRow {
  readonly function: string;
  /** "file:line" when known. */
  readonly location: string;
  readonly selfMs: number;
  readonly selfPercent: number;
  readonly totalMs: number;
  readonly totalPercent: number;
}

/** The script URL of the marker that calls the profiled function (see focusCpuProfile). */
export const MARKER_URL = 'ddia-labs:perf.profile';

let marker: (<T>(fn: () => T) => T) | undefined;
function callThroughMarker<T>(fn: () => T): T {
  marker ??= new vm.Script('(function profiled(fn) { return fn(); })', { filename: MARKER_URL }).runInThisContext() as <U>(f: () => U) => U;
  return marker(fn);
}

/** This module's own file (the bundle it is part of, once built): its frames are not the learner's. */
const OWN_FILE = typeof __filename === 'string' ? __filename : '';

function isUserUrl(url: string): boolean {
  if (url === '' || url === MARKER_URL || url.startsWith('node:')) return false;
  const file = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  // Libraries (and tsx's loader in tests) are not the learner's code either.
  return file !== OWN_FILE && !/[\\/]node_modules[\\/]/.test(file);
}

let running = false;

interface InspectorSession {
  connect(): void;
  disconnect(): void;
  post(method: string, params: object | undefined, cb: (err: Error | null, result?: unknown) => void): void;
}

function loadInspector(): { Session: new () => InspectorSession } | string {
  try {
    // Loaded lazily: `node:inspector` throws on Node builds without the inspector.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('node:inspector') as { Session: new () => InspectorSession };
  } catch (e) {
    return `this Node has no inspector (${e instanceof Error ? e.message : String(e)})`;
  }
}

function post<T>(session: InspectorSession, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params, (err, result) => (err ? reject(err) : resolve(result as T))));
}

/** The lab folder and its lab file when running in a kernel (which sets `__dirname` to the lab folder). */
function labContext(): { dir: string; file?: string; text?: string } | undefined {
  const dir = (globalThis as Record<string, unknown>)['__dirname'];
  if (typeof dir !== 'string') return undefined;
  try {
    const labs = fs.readdirSync(dir).filter((f) => f.endsWith('.lab.md'));
    if (labs.length !== 1) return { dir };
    const file = path.join(dir, labs[0] as string);
    return { dir, file, text: fs.readFileSync(file, 'utf8') };
  } catch {
    return { dir };
  }
}

/**
 * Runs `fn` under the CPU profiler and returns its profile (and, as `.value`, what `fn`
 * returned). A function that throws rejects with its error; the profile is discarded.
 */
export async function profile<T>(fn: () => T | Promise<T>, options: ProfileOptions = {}): Promise<CpuProfile<Awaited<T>>> {
  if (typeof fn !== 'function') throw new TypeError('perf.profile(fn): fn must be a function (sync or async)');
  const intervalUs = options.intervalUs ?? DEFAULT_INTERVAL_US;
  if (!Number.isFinite(intervalUs) || intervalUs < 10 || intervalUs > 1_000_000)
    throw new RangeError(`perf.profile: intervalUs must be between 10 and 1000000 microseconds, got ${String(options.intervalUs)}`);
  const title = options.title ?? 'CPU profile';

  const inspector = running ? 'another perf.profile is already running on this thread' : loadInspector();
  if (typeof inspector === 'string') {
    const t0 = performance.now();
    const value = await fn();
    return CpuProfile.unavailable(value, performance.now() - t0, title, intervalUs, inspector);
  }
  const session = new inspector.Session();
  running = true;
  try {
    session.connect();
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: Math.round(intervalUs) });
    await post(session, 'Profiler.start');
    const t0 = performance.now();
    const windowStart = monotonicMicros();
    let value: Awaited<T>;
    try {
      value = await callThroughMarker(fn);
    } catch (err) {
      await post(session, 'Profiler.stop').catch(() => undefined);
      throw err;
    }
    const wallMs = performance.now() - t0;
    const window = { start: windowStart, end: monotonicMicros() };
    const { profile: raw } = await post<{ profile: RawCpuProfile }>(session, 'Profiler.stop');
    await post(session, 'Profiler.disable').catch(() => undefined);
    const lab = labContext();
    const focused = focusCpuProfile(raw, {
      markerUrl: MARKER_URL,
      isUserUrl,
      window,
      mapLocation: labLocationMapper(lab?.file, lab?.text),
    });
    return CpuProfile.fromRaw(value, wallMs, title, intervalUs, focused, lab?.dir);
  } finally {
    running = false;
    session.disconnect();
  }
}

/** A recorded profile: shown as a flame graph, and queryable from code. */
export class CpuProfile<T = unknown> implements Displayable {
  private constructor(
    /** What the profiled function returned. */
    readonly value: T,
    /** Wall-clock time of the profiled function, in milliseconds. */
    readonly wallMs: number,
    readonly title: string,
    readonly intervalUs: number,
    /** The V8 profile (`.cpuprofile` content), narrowed to the profiled code; undefined when unavailable. */
    readonly cpuProfile: RawCpuProfile | undefined,
    readonly group: ProfileGroup,
    /** Why there is no profile, when there is none. */
    readonly unavailableReason: string | undefined,
    private readonly baseDir: string | undefined,
  ) {}

  static fromRaw<T>(value: T, wallMs: number, title: string, intervalUs: number, raw: RawCpuProfile, baseDir?: string): CpuProfile<T> {
    const imported = importCpuProfile(JSON.stringify(raw), `${title}.cpuprofile`);
    if (imported.kind !== 'ok')
      throw new Error(
        `perf.profile: could not read the V8 profile back (${imported.kind === 'error' ? imported.message : imported.reason})`,
      );
    return new CpuProfile(value, wallMs, title, intervalUs, raw, imported.group, undefined, baseDir);
  }

  static unavailable<T>(value: T, wallMs: number, title: string, intervalUs: number, reason: string): CpuProfile<T> {
    const empty = new ProfileBuilder({ name: title, unit: 'microseconds' }).build();
    return new CpuProfile(value, wallMs, title, intervalUs, undefined, makeGroup(title, [empty]), reason, undefined);
  }

  get available(): boolean {
    return this.unavailableReason === undefined;
  }

  /** The profile model (one thread). */
  get profile(): Profile {
    return this.group.profiles[0] as Profile;
  }

  /** Sampled CPU time of the profiled code, in milliseconds (idle time excluded). */
  get sampledMs(): number {
    return totalWeight(this.profile) / 1000;
  }

  /** Number of samples that landed in the profiled code. */
  get sampleCount(): number {
    const raw = this.cpuProfile;
    if (!raw) return 0;
    const idle = new Set(
      raw.nodes.filter((n) => n.callFrame.functionName === '(root)' || n.callFrame.functionName === '(idle)').map((n) => n.id),
    );
    return raw.samples.filter((s) => !idle.has(s)).length;
  }

  /** The `n` functions with the most self time (time with the function on top of the stack). */
  top(n = 10): TopRow[] {
    const p = this.profile;
    const { self, total } = frameWeights(p);
    const all = totalWeight(p) || 1;
    return p.frames
      .map((f, i) => ({ f, self: self[i] as number, total: total[i] as number }))
      .filter((r) => r.total > 0)
      .sort((a, b) => b.self - a.self || b.total - a.total)
      .slice(0, Math.max(0, n))
      .map(({ f, self: s, total: t }) => ({
        function: f.name,
        location: f.file ? `${f.file}${f.line !== undefined ? `:${f.line}` : ''}` : '',
        selfMs: round(s / 1000),
        selfPercent: round((100 * s) / all),
        totalMs: round(t / 1000),
        totalPercent: round((100 * t) / all),
      }));
  }

  /** Brendan Gregg's folded stacks, one line per distinct stack, weights in microseconds. */
  folded(): string {
    return exportFolded(this.profile, { merge: true });
  }

  /** speedscope's JSON format, for a file other tools open (speedscope.app, `p.save` writes a .cpuprofile). */
  speedscope(): SpeedscopeFile {
    return exportSpeedscope(this.group);
  }

  /**
   * Writes the profile as a Chrome `.cpuprofile` (opens in the profile editor, Chrome
   * DevTools, speedscope). A relative path is taken from the lab folder. Returns the full path.
   */
  save(file: string): string {
    if (!this.cpuProfile) throw new Error(`perf.profile: nothing to save, ${this.unavailableReason ?? 'no profile'}`);
    const target = path.resolve(this.baseDir ?? process.cwd(), file.endsWith('.cpuprofile') ? file : `${file}.cpuprofile`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, JSON.stringify(this.cpuProfile));
    return target;
  }

  flameSpec(): FlameSpec {
    return { version: 2, title: this.title, group: this.group };
  }

  summary(): string {
    if (!this.available) return `${this.title}: no CPU profile (${this.unavailableReason}); the function ran in ${round(this.wallMs)} ms`;
    const head = `${this.title}: ${round(this.wallMs)} ms wall, ${round(this.sampledMs)} ms sampled in ${this.sampleCount} samples every ${this.intervalUs} µs`;
    const rows = this.top(5).map((r) => `  ${pad(`${r.selfPercent}%`, 7)} ${r.function}${r.location ? `  (${r.location})` : ''}`);
    return rows.length > 0 ? `${head}\n  self    function\n${rows.join('\n')}` : head;
  }

  toString(): string {
    return this.summary();
  }

  [DISPLAYABLE](): OutputBundle {
    if (!this.available) return { items: [], text: this.summary() };
    return { items: [{ mime: FLAME_MIME, data: this.flameSpec() }], text: this.summary() };
  }
}

/**
 * A differential flame graph: `after` drawn with each frame coloured by how its time changed
 * since `before`. Both runs are compared in absolute time, so a faster `after` shows less.
 */
export function diff(
  before: CpuProfile,
  after: CpuProfile,
  options: { readonly title?: string } = {},
): Displayable & { readonly spec: FlameSpec } {
  if (!(before instanceof CpuProfile) || !(after instanceof CpuProfile))
    throw new TypeError('perf.diff(before, after): both must be results of perf.profile');
  const spec: FlameSpec = {
    version: 2,
    title: options.title ?? `${before.title} → ${after.title}`,
    group: after.group,
    before: before.profile,
  };
  const changes = before.available && after.available ? diffProfiles(before.profile, after.profile).changes.slice(0, 5) : [];
  const text = [
    `${spec.title}: ${round(before.sampledMs)} ms → ${round(after.sampledMs)} ms sampled`,
    ...changes.map((c) => `  ${c.after > c.before ? '+' : '−'}${round(Math.abs(c.after - c.before) / 1000)} ms  ${c.names.join(' → ')}`),
  ].join('\n');
  return {
    spec,
    [DISPLAYABLE]: () => ({ items: [{ mime: FLAME_MIME, data: spec }], text }),
  };
}

/** Microseconds on V8's profile clock (both are CLOCK_MONOTONIC). */
function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}
