/** A benchmark result (summary table + latency histogram) and an A/B verdict (+ box plots) as DOM. */
import { summaryRows, verdictHeadline } from '../../extension/views/perf/benchText';
import type { BenchSpec, CompareSpec } from '../../extension/views/perf/perfOutputs';
import { drawHistogram } from '../renderers/chart/barChart';
import { drawBoxPlot } from '../renderers/chart/boxPlot';

export function drawBench(element: HTMLElement, s: BenchSpec): void {
  const root = document.createElement('section');
  root.className = 'ddia-bench';
  const head = document.createElement('div');
  head.className = 'ddia-verdict-detail';
  head.textContent = `${s.name}: ${s.samples} samples × ${s.iterationsPerSample.toLocaleString('en-US')} calls, ${(s.totalMs / 1000).toFixed(1)} s`;
  const chart = document.createElement('div');
  const table = document.createElement('table');
  table.className = 'ddia-table ddia-bench-summary';
  table.setAttribute('aria-label', `summary of ${s.name}`);
  for (const [k, v] of summaryRows(s)) {
    const tr = table.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = k;
    const td = tr.insertCell();
    td.textContent = v;
    tr.prepend(th);
  }
  root.append(head, chart, table);
  element.replaceChildren(root);
  drawHistogram(chart, s.histogram);
}

export function drawCompare(element: HTMLElement, s: CompareSpec): void {
  const root = document.createElement('section');
  root.className = 'ddia-bench';
  const h = document.createElement('div');
  h.className = 'ddia-verdict';
  h.dataset['verdict'] = s.verdict;
  h.setAttribute('role', 'status');
  h.textContent = verdictHeadline(s);
  const detail = document.createElement('div');
  detail.className = 'ddia-verdict-detail';
  detail.textContent = `${s.testName}: p = ${s.pValue.toPrecision(3)} (alpha ${s.alpha}); ${s.centre} ${s.relativeChange >= 0 ? '+' : ''}${(s.relativeChange * 100).toFixed(1)}%; ${s.effectSizeName} ${s.effectSize.toFixed(2)}. ${s.explanation}`;
  const chart = document.createElement('div');
  root.append(h, detail, chart);
  element.replaceChildren(root);
  drawBoxPlot(chart, s.box);
}
