/**
 * The progress line of a live storage view (`storage.watch`): running or done, operations so
 * far, flushes and compactions, and the write amplification up to now. Updated in place, so a
 * frame changes only the numbers.
 */
import type { StorageProgress } from '../../extension/views/storage/storageOutputs';

function field(parent: HTMLElement, cls: string): HTMLSpanElement {
  const existing = parent.querySelector<HTMLSpanElement>(`:scope > .${cls}`);
  if (existing) return existing;
  const span = document.createElement('span');
  span.className = cls;
  parent.append(span);
  return span;
}

/** Fills `line` (kept between frames) from `progress`; hides it for snapshot views. */
export function drawProgress(line: HTMLElement, progress: StorageProgress | undefined): void {
  line.hidden = progress === undefined;
  if (!progress) return;
  line.className = `ddia-storage-progress is-${progress.status}`;
  line.setAttribute('role', 'status');
  field(line, 'ddia-progress-status').textContent = progress.status === 'running' ? '● running' : '✓ done';
  field(line, 'ddia-progress-ops').textContent = `${progress.operations.toLocaleString('en-US')} operations`;
  const flushes = field(line, 'ddia-progress-flushes');
  flushes.hidden = progress.flushes === undefined;
  flushes.textContent = `${progress.flushes ?? 0} flushes`;
  field(line, 'ddia-progress-compactions').textContent = `${progress.compactions} compactions`;
  field(line, 'ddia-progress-wa').textContent = `write amplification ${progress.writeAmplification.toFixed(2)}×`;
}
