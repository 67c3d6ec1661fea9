/** One-line descriptions of trace events for the stepper and hovers. */
import { describeFault } from './describeFault';
import type { TraceEvent } from '../../sim/core/trace';

function label(msg: unknown): string {
  if (typeof msg === 'object' && msg !== null) {
    const m = msg as Record<string, unknown>;
    const type = typeof m['type'] === 'string' ? m['type'] : 'message';
    const key = typeof m['key'] === 'string' ? ` ${m['key']}` : '';
    return `${type}${key}`;
  }
  return JSON.stringify(msg) ?? 'undefined';
}

export function describeEvent(e: TraceEvent): string {
  switch (e.k) {
    case 'start':
      return `${e.node} starts`;
    case 'send':
      return `${e.from} sends ${label(e.msg)} to ${e.to} (#${e.msgId})`;
    case 'deliver':
      return `${e.to} receives #${e.msgId} from ${e.from}`;
    case 'drop':
      return `#${e.msgId} ${e.from} → ${e.to} dropped (${e.reason})`;
    case 'duplicate':
      return `#${e.msgId} duplicated by the network`;
    case 'timer':
      return `${e.node}'s timer ${e.name} fires`;
    case 'fault':
      return `fault: ${describeFault(e.fault)}`;
    case 'history': {
      const h = e.event;
      const what = `${h.f}${h.key !== undefined ? ` ${h.key}` : ''}`;
      const val = h.value === undefined ? '' : ` ${JSON.stringify(h.value)}`;
      return h.type === 'invoke'
        ? `${h.client} invokes ${what}${val} at ${h.node ?? '?'} (op ${h.opId})`
        : `${h.client}'s ${what} completes: ${h.type}${val}${h.error !== undefined ? ` (${h.error})` : ''} (op ${h.opId})`;
    }
    case 'note':
      return `${e.node} notes ${e.label}${e.data === undefined ? '' : ` ${JSON.stringify(e.data)}`}`;
  }
}
