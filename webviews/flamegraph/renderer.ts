/**
 * Notebook renderer `ddia-labs.flamegraph` for FLAME_MIME outputs (`perf.profile()` in a cell).
 * Same view as the profile editor, in a fixed-height scroll box. Source clicks go to the host
 * through renderer messaging when the host listens (`requiresMessaging: "optional"`).
 */
import type { ActivationFunction } from 'vscode-notebook-renderer';
import type { FlameSpec } from '../../extension/protocol/flameOutputs';
import type { FlameFromWebview } from '../../extension/protocol/flameMessages';
import { showError } from './errorView';
import { mountView } from './mountView';

function checkSpec(value: unknown): FlameSpec {
  const v = value as Partial<FlameSpec> | null;
  if (typeof v !== 'object' || v === null) throw new Error('the output is not an object');
  if (v.version !== 1) throw new Error(`unsupported flame graph output version ${String(v.version)} (expected 1)`);
  if (typeof v.profile !== 'object' || v.profile === null) throw new Error('the output has no profile');
  return v as FlameSpec;
}

export const activate: ActivationFunction = (context) => ({
  renderOutputItem(item, element) {
    let spec: FlameSpec;
    try {
      spec = checkSpec(item.json());
    } catch (e) {
      return showError(element, 'This flame graph cannot be shown', e instanceof Error ? e.message : String(e));
    }
    void mountView(
      element,
      { kind: 'spec', spec },
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
