/**
 * Notebook renderer `ddia-labs.timeline` for TIMELINE_MIME outputs: the quorum timeline of a
 * simulation run, with an "Open in stepper" button that asks the host (renderer messaging) to open
 * the run in the stepper panel. Without messaging (e.g. an exported notebook) the button is
 * disabled and the timeline still works.
 */
import type { ActivationFunction } from 'vscode-notebook-renderer';
import { TIMELINE_MIME } from '../../extension/views/timeline/timelineOutput';
import type { TimelineRendererMessage } from '../../extension/views/timeline/timelineMessages';
import { buildTimelineModel, type TimelineModel } from '../../extension/views/timeline/timelineModel';
import { decodeTimeline, readTimelineOutput, timelineInput } from '../../extension/views/timeline/timelineRun';
import { adoptStyles, TIMELINE_CSS } from './styles';
import { TimelineCanvas } from './timelineCanvas';
import { anomalyList, el, legend, summaryText } from './timelineHeader';

export const activate: ActivationFunction = (context) => {
  adoptStyles(TIMELINE_CSS);
  const views = new Map<string, TimelineCanvas>();
  return {
    renderOutputItem(item, element) {
      views.get(item.id)?.dispose();
      element.replaceChildren();
      const root = el('div', 'ddia-tl');
      element.append(root);
      let parsed: unknown;
      try {
        parsed = item.json();
      } catch (err) {
        root.append(el('div', 'ddia-tl-error', `Cannot draw this timeline: the output is not valid JSON (${String(err)})`));
        return;
      }
      const checked =
        item.mime === TIMELINE_MIME ? readTimelineOutput(parsed) : { ok: false as const, problem: `unknown type ${item.mime}` };
      if (!checked.ok) {
        root.append(el('div', 'ddia-tl-error', `Cannot draw this timeline: ${checked.problem}`));
        return;
      }
      const spec = checked.value;
      // The trace arrives encoded; the model reads its columns (no object per event).
      let model: TimelineModel;
      try {
        model = buildTimelineModel(timelineInput(spec, decodeTimeline(spec)));
      } catch (err) {
        root.append(el('div', 'ddia-tl-error', `Cannot draw this timeline: ${err instanceof Error ? err.message : String(err)}`));
        return;
      }
      const head = el('div', 'ddia-tl-head');
      const open = el('button', 'ddia-tl-button', 'Open in stepper');
      open.title = 'Step through this run event by event, with node states, messages in flight and fault injection';
      if (context.postMessage === undefined) {
        open.disabled = true;
        open.title = 'The stepper needs the DDIA Labs extension host (renderer messaging is not available here)';
      }
      open.addEventListener('click', () => {
        const m: TimelineRendererMessage = {
          type: 'openInStepper',
          hash: spec.hash,
          ...(spec.title !== undefined ? { title: spec.title } : {}),
        };
        context.postMessage?.(m);
      });
      head.append(el('span', 'ddia-tl-title', spec.title ?? 'Quorum timeline'), el('span', 'ddia-tl-meta', summaryText(spec, model)), open);
      const canvasHost = el('div');
      root.append(head, canvasHost);
      const view = new TimelineCanvas(canvasHost, model);
      views.set(item.id, view);
      root.append(legend());
      if (model.anomalies.length > 0) {
        root.append(
          anomalyList(model, (idx) => {
            view.focusEvent(idx);
            view.wrap.focus();
          }),
        );
      }
      root.append(
        el('div', 'ddia-tl-meta', 'Click the timeline, then wheel or +/- to zoom, drag or ←/→ to pan, 0 to reset. Hover for details.'),
      );
    },
    disposeOutputItem(id) {
      if (id === undefined) {
        for (const v of views.values()) v.dispose();
        views.clear();
        return;
      }
      views.get(id)?.dispose();
      views.delete(id);
    },
  };
};
