/**
 * Flame-graph outputs (notebook renderer `ddia-labs.flamegraph`, also the payload of the flame
 * panel and the profile custom editor). The profile travels as speedscope's file format, written
 * by extension/perf/import/exportSpeedscope.ts: it is documented, versioned, compact (frames are
 * shared), and our importer reads it back in the webview, so one parser serves every path.
 */
import type { SpeedscopeFile } from '../perf/import/exportSpeedscope';

export const FLAME_MIME = 'application/vnd.ddia-labs.flamegraph+json';

export interface FlameSpec {
  readonly version: 1;
  readonly title?: string;
  /** The profile to draw. */
  readonly profile: SpeedscopeFile;
  /** When present, the view opens as a differential flame graph of `before` → `profile`. */
  readonly before?: SpeedscopeFile;
}
