/**
 * A fault in words, as the timeline, the stepper and branch labels show it ("pause n2 for 40.0 ms").
 * Presentation, so it lives with the views; the simulator only injects faults.
 */
import type { Fault } from '../../sim/core/faults';

export function describeFault(f: Fault): string {
  switch (f.kind) {
    case 'crash':
    case 'restart':
      return `${f.kind} ${f.node}`;
    case 'pause':
      return `pause ${f.node} for ${f.durationMs.toFixed(1)} ms`;
    case 'clock-offset':
      return `step ${f.node}'s clock by ${f.deltaMs.toFixed(1)} ms`;
    case 'clock-drift':
      return `set ${f.node}'s clock drift to ${f.drift}`;
    case 'partition':
      return `partition ${f.groups.map((g) => `{${g.join(',')}}`).join(' | ')}`;
    case 'block':
      return `block ${f.from} → ${f.to}`;
    case 'heal':
      return 'heal the network';
    case 'link':
      return `reconfigure link ${f.from} → ${f.to}`;
  }
}
