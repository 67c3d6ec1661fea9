/**
 * The lab SDK: what cells and exercise files get from `import { … } from 'ddia-labs'`.
 * Later lab families add storage engines, the simulator and perf tools here.
 */
import { inspect } from 'node:util';
import type { OutputBundle } from '../protocol/outputs';
import { charts, isDisplayable, mermaid, table, DISPLAYABLE, type Displayable } from './outputs';

export { charts, mermaid, table, isDisplayable, DISPLAYABLE, type Displayable };
export * as chart from './chartShortcuts';
export * as storage from './storage';
export * as sim from './sim';
export * as perf from './perf';

/** Set by the kernel worker; absent when the SDK is used outside a kernel (then display prints). */
interface DisplaySink {
  display(bundle: OutputBundle): void;
}

const SINK_KEY = Symbol.for('ddia-labs.display-sink');

export function toOutputBundle(value: unknown): OutputBundle {
  if (isDisplayable(value)) return value[DISPLAYABLE]();
  const text = typeof value === 'string' ? value : inspect(value, { depth: 4, colors: false, maxArrayLength: 200 });
  return { items: [], text };
}

/** Shows a value as an output of the running cell, now (a cell can display several). */
export function display(value: unknown): void {
  const bundle = toOutputBundle(value);
  const sink = (globalThis as Record<symbol, unknown>)[SINK_KEY] as DisplaySink | undefined;
  if (sink) sink.display(bundle);
  else process.stdout.write(bundle.text + '\n');
}

export function setDisplaySink(sink: DisplaySink | undefined): void {
  (globalThis as Record<symbol, unknown>)[SINK_KEY] = sink;
}
