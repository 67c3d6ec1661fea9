/**
 * `perf script` importer (format: see perfScriptParse.ts). Follows speedscope's reading, which
 * our conformance tests check against its snapshots:
 *
 * - one profile per (command, pid, tid), in order of first appearance;
 * - only the first event type is kept (mixing cycles with instructions would mislead);
 * - with timestamps, weights are time: a sample lasts from the midpoint with the previous
 *   sample to the midpoint with the next (unit seconds); a profile with one sample gets
 *   weight 1 and unit none;
 * - without timestamps (older perf, `-F` without time) each sample weighs its period when
 *   printed, else 1 (unit none), which is what FlameGraph counts;
 * - a frame is `<symbol>` with file `<dso>`; unresolved symbols read `??? (<dso>)`.
 */
import { ProfileBuilder } from '../model/builder';
import { makeGroup } from '../model/group';
import { type Frame, type Profile } from '../model/types';
import { ProfileInput } from './input';
import { looksLikePerfScript, parsePerfScript, type PerfEvent } from './perfScriptParse';
import { type ImportResult, notThisFormat, recognised } from './result';

const FORMAT = 'perf';

export function importPerfScript(content: string | Uint8Array | ProfileInput, fileName?: string): ImportResult {
  const input = ProfileInput.from(content, fileName);
  if (input.looksLikeJson()) return notThisFormat(FORMAT, 'JSON, not perf script text');
  if (!looksLikePerfScript(input.text)) return notThisFormat(FORMAT, 'no "<comm> <tid> ...: <event>:" header followed by a stack');
  return recognised(FORMAT, () => {
    const events = parsePerfScript(input.text);
    const firstType = events[0]?.eventType;
    const selected = events.filter((e) => e.eventType === firstType);
    const timed = selected.some((e) => e.time !== null);
    const byThread = new Map<string, PerfEvent[]>();
    for (const e of selected) {
      if (timed && e.time === null) continue;
      const key = threadName(e);
      const list = byThread.get(key);
      if (list) list.push(e);
      else byThread.set(key, [e]);
    }
    if (byThread.size === 0) throw new Error('no samples with a stack');
    const profiles = [...byThread].map(([name, list]) => (timed ? timedProfile(name, list) : countedProfile(name, list)));
    const groupName = profiles.length === 1 ? (profiles[0] as Profile).name : (input.fileName ?? 'perf script');
    return makeGroup(groupName, profiles);
  });
}

function threadName(e: PerfEvent): string {
  const parts = [e.command];
  // pid/tid 0 is the idle task ("swapper"); speedscope leaves the ids out for it.
  if (e.pid) parts.push(`pid: ${e.pid}`);
  if (e.tid) parts.push(`tid: ${e.tid}`);
  return parts.join(' ');
}

function frameOf(f: { symbol: string; dso: string }): Frame {
  return { name: f.symbol === '[unknown]' ? `??? (${f.dso})` : f.symbol, file: f.dso };
}

function appendEvent(builder: ProfileBuilder, e: PerfEvent, weight: number): void {
  builder.appendSample(e.stack.map(frameOf), weight);
}

function timedProfile(name: string, events: PerfEvent[]): Profile {
  if (events.length === 1) {
    const builder = new ProfileBuilder({ name, unit: 'none' });
    appendEvent(builder, events[0] as PerfEvent, 1);
    return builder.build();
  }
  const builder = new ProfileBuilder({ name, unit: 'seconds' });
  let start = (events[0] as PerfEvent).time as number;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as PerfEvent;
    const t = e.time as number;
    const next = events[i + 1];
    if (next && (next.time as number) < t)
      throw new Error(`line ${next.line}: timestamp ${next.time} is earlier than the previous sample's ${t}`);
    const end = next ? ((next.time as number) + t) / 2 : t;
    appendEvent(builder, e, end - start);
    start = end;
  }
  return builder.build();
}

function countedProfile(name: string, events: PerfEvent[]): Profile {
  const builder = new ProfileBuilder({ name, unit: 'none' });
  for (const e of events) appendEvent(builder, e, e.period ?? 1);
  return builder.build();
}
