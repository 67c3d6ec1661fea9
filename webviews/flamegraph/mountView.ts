/**
 * Loads a source into a container: a "loading" line, the import (yielding one frame first so
 * the line shows), then the view or an error naming the problem. Shared by all hosts. Timings
 * land in `window.__flameTimes` for the benchmark.
 */
import type { FlameSource } from '../../extension/views/flame/flameMessages';
import { el } from './dom';
import { FlameApp, type FlameHost } from './flameApp';
import { showError } from './errorView';
import { loadSource } from './loadSource';
import { applyStyles } from './styles';

export interface FlameTimes {
  importMs?: number;
  firstRenderMs?: number;
}

declare global {
  interface Window {
    __flameTimes?: FlameTimes;
  }
}

export type MountResult = { ok: true; app: FlameApp } | { ok: false; error: string };

export async function mountView(
  container: HTMLElement,
  source: FlameSource,
  host: FlameHost,
  fixedHeightPx?: number,
): Promise<MountResult> {
  applyStyles();
  container.replaceChildren(el('div', 'fg-loading', 'Reading profile…'));
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  const t0 = performance.now();
  let loaded;
  try {
    loaded = loadSource(source);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    showError(container, 'This profile cannot be shown', message);
    return { ok: false, error: message };
  }
  const t1 = performance.now();
  const app = new FlameApp(container, loaded, host, { fixedHeightPx });
  const t2 = performance.now();
  window.__flameTimes = { importMs: t1 - t0, firstRenderMs: t2 - t0 };
  return { ok: true, app };
}
