/**
 * Notebook renderer `ddia-labs.perf`: the live USE dashboard (perf.use), benchmark results
 * (perf.bench) and A/B verdicts (perf.compare). Live updates arrive as the same output
 * replaced in place by the kernel (a displayId, see extension/kernel/kernelProtocol.ts), so
 * VS Code calls renderOutputItem again on the same element and the renderer keeps no state.
 */
import type { ActivationFunction, OutputItem } from 'vscode-notebook-renderer';
import { PERF_MIME } from '../../extension/views/perf/perfOutputs';
import { showError } from '../renderers/errorBox';
import { injectStyles } from '../renderers/styles';
import { drawBench, drawCompare } from './benchViews';
import { drawUseDashboard, USE_CSS } from './useTable';
import { benchOutput, compareOutput, useDashboardOutput } from '../../extension/views/perf/perfOutputs';

function parse(item: OutputItem): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: item.json() };
  } catch (err) {
    return { ok: false, problem: `the output is not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
}

let styled = false;
function injectPerfStyles(): void {
  if (styled) return;
  styled = true;
  const style = document.createElement('style');
  style.textContent = USE_CSS;
  document.head.appendChild(style);
}

export const activate: ActivationFunction = () => {
  injectStyles();
  injectPerfStyles();
  return {
    renderOutputItem(item, element) {
      const what = item.mime === PERF_MIME.use ? 'USE dashboard' : item.mime === PERF_MIME.bench ? 'benchmark' : 'comparison';
      const parsed = parse(item);
      if (!parsed.ok) return showError(element, what, parsed.problem);
      try {
        switch (item.mime) {
          case PERF_MIME.use: {
            const c = useDashboardOutput.check(parsed.value);
            return c.ok ? drawUseDashboard(element, c.value) : showError(element, what, c.problem);
          }
          case PERF_MIME.bench: {
            const c = benchOutput.check(parsed.value);
            return c.ok ? drawBench(element, c.value) : showError(element, what, c.problem);
          }
          case PERF_MIME.compare: {
            const c = compareOutput.check(parsed.value);
            return c.ok ? drawCompare(element, c.value) : showError(element, what, c.problem);
          }
          default:
            return showError(element, 'output', `unknown type ${item.mime}`);
        }
      } catch (err) {
        showError(element, what, err instanceof Error ? err.message : String(err));
      }
    },
    disposeOutputItem() {
      // Outputs hold no timers or listeners beyond their DOM, which VS Code removes.
    },
  };
};
