/** The header, legend and anomaly list shown around a timeline canvas (renderer and stepper). */
import type { TimelineSpec } from '../../extension/views/timeline/timelineOutput';
import type { TimelineModel } from '../../extension/views/timeline/timelineModel';

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className !== undefined) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function legend(): HTMLElement {
  const box = el('div', 'ddia-tl-legend');
  const items: [string, string][] = [
    ['--vscode-charts-blue', 'operation (ok)'],
    ['--vscode-charts-yellow', 'timed out (info)'],
    ['--vscode-charts-green', 'quorum acknowledgement'],
    ['--vscode-descriptionForeground', 'message'],
    ['--vscode-charts-red', 'anomaly, drop, node down'],
    ['--vscode-charts-purple', 'network cut'],
  ];
  for (const [color, label] of items) {
    const s = el('span');
    const i = el('i');
    i.style.background = `var(${color})`;
    s.append(i, label);
    box.append(s);
  }
  return box;
}

export function summaryText(spec: TimelineSpec, model: TimelineModel): string {
  const acked = model.ops.filter((o) => o.quorumAcks.length > 0).length;
  return `${spec.scenario} · seed ${spec.seed} · ${model.trace.length.toLocaleString('en-US')} events · ${model.ops.length} ops (${acked} with quorum acks) · ${spec.anomalies.length} anomal${spec.anomalies.length === 1 ? 'y' : 'ies'} · hash ${spec.hash.slice(0, 8)}`;
}

/** A list of anomalies with the checker's message; choosing one calls `go` with its event. */
export function anomalyList(model: TimelineModel, go: (eventIdx: number) => void, max = 20): HTMLElement {
  const list = el('ol', 'ddia-tl-anomalies');
  for (const a of model.anomalies.slice(0, max)) {
    const li = el('li');
    const b = el('button', undefined, `${a.anomaly.kind} at ${a.anomaly.atMs.toFixed(1)} ms`);
    b.title = 'Show it on the timeline';
    b.addEventListener('click', () => go(a.eventIdx));
    li.append(b, `: ${a.anomaly.message}`);
    list.append(li);
  }
  if (model.anomalies.length > max) list.append(el('li', undefined, `… and ${model.anomalies.length - max} more`));
  return list;
}
