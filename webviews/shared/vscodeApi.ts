/**
 * Typed access to the webview host API. `acquireVsCodeApi` may be called only once per page,
 * so every module goes through this one.
 */
interface VsCodeApi<TOut> {
  postMessage(message: TOut): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi<TOut>(): VsCodeApi<TOut>;

let api: VsCodeApi<unknown> | undefined;

export function vscodeApi<TOut>(): VsCodeApi<TOut> {
  api ??= acquireVsCodeApi<unknown>();
  return api as VsCodeApi<TOut>;
}
