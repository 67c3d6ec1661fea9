/**
 * The notebook renderer for DDIA Labs outputs: charts (d3), tables and mermaid diagrams.
 * Data is validated first; anything that cannot be drawn shows an error box naming the problem.
 */
import type { ActivationFunction, OutputItem } from 'vscode-notebook-renderer';
import { MIME, type ChartSpec } from '../../extension/protocol/outputs';
import { drawBars, drawHistogram } from './chart/barChart';
import { drawBoxPlot } from './chart/boxPlot';
import { drawHeatMap } from './chart/heatMap';
import { drawLineOrScatter } from './chart/lineChart';
import { showError } from './errorBox';
import { renderMermaidWhenVisible } from './mermaidLoader';
import { injectStyles } from './styles';
import { drawTable } from './table';
import { checkChart, checkMermaid, checkTable } from './validate';

function drawChart(element: HTMLElement, spec: ChartSpec): void {
  switch (spec.kind) {
    case 'line':
    case 'scatter':
      return drawLineOrScatter(element, spec);
    case 'bar':
      return drawBars(element, spec);
    case 'histogram':
      return drawHistogram(element, spec);
    case 'heatmap':
      return drawHeatMap(element, spec);
    case 'box':
      return drawBoxPlot(element, spec);
  }
}

function parse(item: OutputItem): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: item.json() };
  } catch (err) {
    return { ok: false, problem: `the output is not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
}

export const activate: ActivationFunction = () => {
  injectStyles();
  return {
    renderOutputItem(item, element) {
      const parsed = parse(item);
      const what = item.mime === MIME.chart ? 'chart' : item.mime === MIME.table ? 'table' : 'diagram';
      if (!parsed.ok) return showError(element, what, parsed.problem);
      try {
        switch (item.mime) {
          case MIME.chart: {
            const c = checkChart(parsed.value);
            return c.ok ? drawChart(element, c.value) : showError(element, what, c.problem);
          }
          case MIME.table: {
            const t = checkTable(parsed.value);
            return t.ok ? drawTable(element, t.value) : showError(element, what, t.problem);
          }
          case MIME.mermaid: {
            const m = checkMermaid(parsed.value);
            if (!m.ok) return showError(element, what, m.problem);
            element.replaceChildren();
            const target = document.createElement('div');
            target.className = 'ddia-mermaid';
            target.textContent = 'Drawing diagram…';
            element.append(target);
            renderMermaidWhenVisible(target, m.value.source, (problem) => showError(element, what, problem));
            return;
          }
          default:
            return showError(element, 'output', `unknown type ${item.mime}`);
        }
      } catch (err) {
        showError(element, what, err instanceof Error ? err.message : String(err));
      }
    },
    disposeOutputItem() {
      // Outputs hold no resources beyond their DOM, which VS Code removes.
    },
  };
};
