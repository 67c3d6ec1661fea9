/**
 * Messages between the flame-graph webview (custom editor, compare panel, notebook renderer) and
 * the extension host. Both sides switch on `type`; an unknown message is reported, not ignored.
 *
 * The host never parses profiles: it sends the file's bytes and the webview imports them with
 * the same pure importers the CLI uses, so a 100 MB profile cannot stall the extension host.
 */
import type { FlameSpec } from './flameOutput';

export const FLAME_RENDERER_ID = 'ddia-labs.flamegraph';

/** A profile file: the name picks the importer; bytes from the host, text in the CLI's page. */
export interface ProfileBytes {
  readonly fileName: string;
  readonly content: Uint8Array | string;
}

/** What a view shows: one profile file, a notebook spec, or two files compared. */
export type FlameSource =
  | { readonly kind: 'file'; readonly file: ProfileBytes }
  | { readonly kind: 'spec'; readonly spec: FlameSpec }
  | { readonly kind: 'diff'; readonly before: ProfileBytes; readonly after: ProfileBytes };

/** Test-only hooks, so the integration suite can drive the view and read it back. */
export type FlameTestAction =
  | { readonly kind: 'state' }
  | { readonly kind: 'search'; readonly pattern: string }
  | { readonly kind: 'zoom'; readonly frameName: string }
  | { readonly kind: 'reset' }
  | { readonly kind: 'key'; readonly key: string }
  /** Dispatches a real click (with Ctrl) on the canvas at the centre of the frame's box. */
  | { readonly kind: 'openFrame'; readonly frameName: string };

/** What the view reports about itself (answer to every test action). */
export interface FlameViewState {
  readonly status: 'loading' | 'ready' | 'error';
  readonly error?: string;
  readonly title: string;
  readonly mode: 'merged' | 'time' | 'sandwich' | 'diff';
  readonly orientation: 'flame' | 'icicle';
  readonly frames: number;
  readonly drawnRects: number;
  readonly zoomedFrame: string | null;
  readonly breadcrumbs: readonly string[];
  readonly selectedFrame: string | null;
  readonly search: { readonly pattern: string; readonly matchedFrames: number; readonly share: number } | null;
}

export type FlameToWebview =
  | { readonly type: 'load'; readonly source: FlameSource }
  /** The host could not read the file(s): shown instead of a graph. */
  | { readonly type: 'loadFailed'; readonly message: string }
  | { readonly type: 'test'; readonly id: number; readonly action: FlameTestAction };

export type FlameFromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'loaded'; readonly title: string }
  | { readonly type: 'openSource'; readonly file: string; readonly line?: number; readonly col?: number }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'testResult'; readonly id: number; readonly state?: FlameViewState; readonly error?: string };

/**
 * The profile editor's view types (package.json contributes both). Two, because a contribution
 * has one priority: `.cpuprofile` files open in VS Code's own profile viewer by default (ours
 * is an option in "Open With…"), folded stacks and speedscope JSON open in ours.
 */
export const PROFILE_EDITOR_VIEW_TYPES = {
  profile: 'ddiaLabs.profileEditor',
  cpuprofile: 'ddiaLabs.profileEditor.cpuprofile',
} as const;

/** The compare panel (`DDIA Labs: Compare Two Profiles…`). */
export const PROFILE_DIFF_VIEW_TYPE = 'ddiaLabs.profileDiff';

/** The profile editor a file opens in. */
export function profileEditorViewType(fileName: string): string {
  return fileName.toLowerCase().endsWith('.cpuprofile') ? PROFILE_EDITOR_VIEW_TYPES.cpuprofile : PROFILE_EDITOR_VIEW_TYPES.profile;
}
