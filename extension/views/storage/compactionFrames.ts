/**
 * The frames of a recorded compaction, a pure function of the spec. Each step becomes two
 * frames — the levels before it with its inputs outlined, then the levels after it with its
 * outputs filled — except a flush, whose input is the memtable (nothing to outline).
 */
import type { CompactionSpec, CompactionStepView, LsmLevelView } from './storageOutputs';
import { formatBytes } from './lsmLayout';

export interface Frame {
  readonly levels: readonly LsmLevelView[];
  readonly inputs: ReadonlySet<number>;
  readonly outputs: ReadonlySet<number>;
  /** What this frame shows, in a sentence (also announced to screen readers). */
  readonly caption: string;
  /** The step this frame belongs to (0 for the starting state). */
  readonly step: number;
}

const NONE: ReadonlySet<number> = new Set();

function inputsText(s: CompactionStepView): string {
  return s.inputs.map((i) => `L${i.level} ${i.tableIds.map((t) => `#${t}`).join(' ')}`).join(' + ');
}

export function compactionFrames(spec: CompactionSpec): Frame[] {
  const frames: Frame[] = [
    {
      levels: spec.levelsBefore,
      inputs: NONE,
      outputs: NONE,
      caption: `Before: ${spec.steps.length} recorded step${spec.steps.length === 1 ? '' : 's'}${spec.truncated ? ' (the oldest were dropped from the engine’s log)' : ''}.`,
      step: 0,
    },
  ];
  let previous = spec.levelsBefore;
  spec.steps.forEach((s, index) => {
    const n = index + 1;
    const inputIds = new Set(s.inputs.flatMap((i) => i.tableIds));
    if (s.kind !== 'flush' && inputIds.size > 0) {
      frames.push({
        levels: previous,
        inputs: inputIds,
        outputs: NONE,
        caption: `Step ${n} (${s.kind}): ${s.reason}. Inputs ${inputsText(s)} → level ${s.outputLevel}.`,
        step: n,
      });
    }
    const what =
      s.kind === 'flush'
        ? `flushed the memtable to L${s.outputLevel} as ${s.outputIds.map((t) => `#${t}`).join(' ')}`
        : s.kind === 'trivial-move'
          ? `moved ${s.outputIds.map((t) => `#${t}`).join(' ')} down to L${s.outputLevel} without rewriting it`
          : `wrote ${s.outputIds.length} table${s.outputIds.length === 1 ? '' : 's'} to L${s.outputLevel}`;
    const dropped =
      s.droppedVersions + s.droppedTombstones > 0
        ? `, dropped ${s.droppedVersions} old versions and ${s.droppedTombstones} tombstones`
        : '';
    frames.push({
      levels: s.levelsAfter,
      inputs: NONE,
      outputs: new Set(s.outputIds),
      caption: `Step ${n}: ${what} (read ${formatBytes(s.bytesRead)}, wrote ${formatBytes(s.bytesWritten)}${dropped}).`,
      step: n,
    });
    previous = s.levelsAfter;
  });
  return frames;
}
