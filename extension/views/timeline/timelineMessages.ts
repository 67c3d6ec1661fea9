/**
 * Messages from the quorum-timeline notebook renderer to the extension host (renderer messaging,
 * `requiresMessaging: "optional"`). The renderer names the output by its trace hash; the host finds
 * that output in the notebook (so a large trace is never sent back through messaging).
 */
export type TimelineRendererMessage = { readonly type: 'openInStepper'; readonly hash: string; readonly title?: string };

/** The command the renderer's "Open in stepper" runs on the host (tests call it directly). */
export const OPEN_TIMELINE_IN_STEPPER = 'ddiaLabs.stepper.openTimeline';

export interface OpenTimelineArgs {
  /** The notebook document's URI (string form). */
  readonly notebook: string;
  readonly hash: string;
}
