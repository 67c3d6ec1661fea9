/**
 * The notebook renderer for DDIA Labs outputs: charts (d3), tables and mermaid diagrams.
 * Data is validated first; anything that cannot be drawn shows an error box naming the problem.
 */
import type { ActivationFunction, OutputItem } from 'vscode-notebook-renderer';
import { drawBars, drawHistogram } from './chart/barChart';
import { drawBoxPlot } from './chart/boxPlot';
import { drawHeatMap } from './chart/heatMap';
import { drawLineOrScatter } from './chart/lineChart';
import { showError } from './errorBox';
import { renderMermaidWhenVisible } from './mermaidLoader';
import { injectStyles } from './styles';
import { drawTable } from './table';
import { CHART_MIME, type ChartSpec, chartOutput } from '../../extension/views/chart/chartOutput';
import { TABLE_MIME, tableOutput } from '../../extension/views/table/tableOutput';
import { MERMAID_MIME, mermaidOutput } from '../../extension/views/mermaid/mermaidOutput';

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
      const what = item.mime === CHART_MIME ? 'chart' : item.mime === TABLE_MIME ? 'table' : 'diagram';
      if (!parsed.ok) return showError(element, what, parsed.problem);
      try {
        switch (item.mime) {
          case CHART_MIME: {
            const c = chartOutput.check(parsed.value);
            return c.ok ? drawChart(element, c.value) : showError(element, what, c.problem);
          }
          case TABLE_MIME: {
            const t = tableOutput.check(parsed.value);
            return t.ok ? drawTable(element, t.value) : showError(element, what, t.problem);
          }
          case MERMAID_MIME: {
            const m = mermaidOutput.check(parsed.value);
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
