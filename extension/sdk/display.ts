/**
 * display() and its sink: how SDK values become cell outputs. The kernel worker installs a sink
 * that posts bundles to the host; without one (CLI, grader, tests) display prints the text.
 * Separate from index.ts so SDK modules (perfBench, perfUse) can display without an import cycle.
 */
import { inspect } from 'node:util';
import { isDisplayable, DISPLAYABLE } from './outputs';
import type { OutputBundle } from '../views/notebook/outputBundle';

/** Set by the kernel worker; absent when the SDK is used outside a kernel (then display prints). */
interface DisplaySink {
  display(bundle: OutputBundle): void;
  /** Replaces the output shown under bundle.displayId in the running cell. */
  update?(bundle: OutputBundle & { readonly displayId: string }): void;
  /**
   * True while the running cell's host redraws updated outputs in place (a VS Code notebook).
   * False under the CLI and the grader: there an update would only pile up outputs.
   */
  readonly live?: boolean;
}

const SINK_KEY = Symbol.for('ddia-labs.display-sink');

export function toOutputBundle(value: unknown): OutputBundle {
  if (isDisplayable(value)) return value[DISPLAYABLE]();
  const text = typeof value === 'string' ? value : inspect(value, { depth: 4, colors: false, maxArrayLength: 200 });
  return { items: [], text };
}

/** A displayed output that can be replaced in place while the cell runs (live views, progress). */
export interface DisplayHandle {
  readonly id: string;
  /** Replaces the output with `value`. Outside a kernel (CLI, tests) updates print nothing. */
  update(value: unknown): void;
}

let nextDisplayId = 0;

/** A fresh id for DisplayHandle and for Displayables that replace an earlier live output. */
export function newDisplayId(): string {
  return `ddia-${process.pid}-${++nextDisplayId}`;
}

function currentSink(): DisplaySink | undefined {
  return (globalThis as Record<symbol, unknown>)[SINK_KEY] as DisplaySink | undefined;
}

/** True when running in a notebook kernel (outputs go to a cell), false under the CLI or in tests. */
export function hasDisplaySink(): boolean {
  return currentSink() !== undefined;
}

/**
 * True when updates of a displayed output are redrawn in place while the cell runs (a notebook
 * in VS Code); false under the CLI, the grader and in tests, which keep only final outputs.
 */
export function hasLiveDisplay(): boolean {
  const sink = currentSink();
  return sink?.update !== undefined && sink.live === true;
}

const CELL_END_KEY = Symbol.for('ddia-labs.cell-end-hooks');

function cellEndHooks(): Set<() => void> {
  const g = globalThis as Record<symbol, unknown>;
  return (g[CELL_END_KEY] ??= new Set<() => void>()) as Set<() => void>;
}

/**
 * Runs `hook` once when the running cell ends (returns, throws or its promise settles), before
 * the kernel reports the cell done, so a live output can show its final frame. Returns a
 * function that removes the hook. Outside a kernel the hook runs only if `endCell` is called.
 */
export function onCellEnd(hook: () => void): () => void {
  const hooks = cellEndHooks();
  hooks.add(hook);
  return () => hooks.delete(hook);
}

/** Called by the kernel when a cell ends: runs and clears the hooks; a hook that throws is skipped. */
export function endCell(): void {
  const hooks = cellEndHooks();
  const all = [...hooks];
  hooks.clear();
  for (const hook of all) {
    try {
      hook();
    } catch {
      // A live view that cannot draw its last frame must not turn the cell's outcome into an error.
    }
  }
}

/**
 * Shows a value as an output of the running cell, now (a cell can display several), and returns
 * a handle whose `update` replaces that output in place. A value whose bundle already carries a
 * displayId shown earlier in this cell replaces that output instead of adding one.
 */
export function display(value: unknown): DisplayHandle {
  const bundle = toOutputBundle(value);
  const id = bundle.displayId ?? newDisplayId();
  const sink = currentSink();
  if (sink) sink.display({ ...bundle, displayId: id });
  else process.stdout.write(bundle.text + '\n');
  return {
    id,
    update(next: unknown) {
      const s = currentSink();
      if (!s) return;
      const b = { ...toOutputBundle(next), displayId: id };
      if (s.update) s.update(b);
      else s.display(b);
    },
  };
}

export function setDisplaySink(sink: DisplaySink | undefined): void {
  (globalThis as Record<symbol, unknown>)[SINK_KEY] = sink;
}
