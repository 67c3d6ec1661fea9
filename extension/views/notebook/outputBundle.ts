/**
 * One cell output as the kernel sends it: alternative representations, richest first, and a
 * text/plain fallback so a lab stays readable where our renderers are not installed. Each rich
 * representation's MIME type and shape is a view's contract (extension/views/outputContracts.ts).
 */
export interface OutputBundle {
  readonly items: readonly { readonly mime: string; readonly data: unknown }[];
  readonly text: string;
  /**
   * Optional: an output shown with the same displayId earlier in the same cell run is replaced
   * in place rather than appended (live dashboards, progress lines; Jupyter's display_id).
   */
  readonly displayId?: string;
}
