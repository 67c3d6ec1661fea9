/**
 * Notebook renderer `ddia-labs.flamegraph` for FLAME_MIME outputs (`perf.profile()` in a cell).
 * Same view as the profile editor, in a fixed-height scroll box. The output carries the profile
 * model itself (extension/views/flame/flameOutput.ts), checked here and drawn without a parse.
 * Source clicks go to the host through renderer messaging when the host listens
 * (`requiresMessaging: "optional"`).
 */
import type { ActivationFunction } from 'vscode-notebook-renderer';
import { flameOutput } from '../../extension/views/flame/flameOutput';
import type { FlameFromWebview } from '../../extension/views/flame/flameMessages';
import { showError } from './errorView';
import { mountView } from './mountView';

export const activate: ActivationFunction = (context) => ({
  renderOutputItem(item, element) {
    let checked;
    try {
      checked = flameOutput.check(item.json());
    } catch (e) {
      return showError(
        element,
        'This flame graph cannot be shown',
        `the output is not valid JSON (${e instanceof Error ? e.message : String(e)})`,
      );
    }
    if (!checked.ok) return showError(element, 'This flame graph cannot be shown', checked.problem);
    void mountView(
      element,
      { kind: 'spec', spec: checked.value },
      {
        openSource: (f) => {
          const message: FlameFromWebview = { type: 'openSource', file: f.file as string, line: f.line, col: f.col };
          if (context.postMessage) context.postMessage(message);
        },
      },
      420,
    );
  },
  disposeOutputItem() {
    // The view holds only DOM and observers on it, which go with the output element.
  },
});
