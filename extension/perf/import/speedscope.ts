/**
 * speedscope's JSON file format importer (reference: src/lib/file-format-spec.ts in
 * jlfwong/speedscope, schema https://www.speedscope.app/file-format-schema.json):
 *
 *   {$schema, name?, activeProfileIndex?, exporter?,
 *    shared: {frames: [{name, file?, line?, col?}]},
 *    profiles: [
 *      {type: "sampled", name, unit, startValue, endValue, samples: [[frameIndex...]], weights: [n]}
 *    | {type: "evented", name, unit, startValue, endValue, events: [{type: "O"|"C", at, frame}]}]}
 *
 * unit is none | nanoseconds | microseconds | milliseconds | seconds | bytes. Evented profiles
 * must open and close frames well nested and in time order; the builder reports the first
 * violation in the same words as speedscope.
 */
import { ProfileBuilder } from '../model/builder';
import { makeGroup } from '../model/group';
import { type Frame, type Profile, VALUE_UNITS, type ValueUnit } from '../model/types';
import { ProfileInput } from './input';
import { type ImportResult, importError, notThisFormat, recognised } from './result';

const FORMAT = 'speedscope';
const SCHEMA = 'speedscope.app/file-format-schema.json';

export function importSpeedscope(content: string | Uint8Array | ProfileInput, fileName?: string): ImportResult {
  const input = ProfileInput.from(content, fileName);
  if (!input.looksLikeJson()) return notThisFormat(FORMAT, 'not JSON');
  const json = input.json();
  if (!json.ok) {
    if (input.text.slice(0, 4096).includes(SCHEMA)) return importError(FORMAT, `truncated or invalid JSON (${json.error})`);
    return notThisFormat(FORMAT, 'not valid JSON');
  }
  const raw = json.value;
  if (!isObject(raw)) return notThisFormat(FORMAT, 'not a JSON object');
  const schema = typeof raw['$schema'] === 'string' && raw['$schema'].includes(SCHEMA);
  if (!schema && !(isObject(raw['shared']) && Array.isArray(raw['profiles'])))
    return notThisFormat(FORMAT, 'no $schema or shared/profiles fields');
  return recognised(FORMAT, () => {
    const shared = raw['shared'];
    if (!isObject(shared) || !Array.isArray(shared['frames'])) throw new Error('"shared.frames" is missing');
    const frames = (shared['frames'] as unknown[]).map(toFrame);
    const list = raw['profiles'];
    if (!Array.isArray(list) || list.length === 0) throw new Error('"profiles" is missing or empty');
    const profiles = list.map((p, i) => toProfile(p, i, frames));
    const name = typeof raw['name'] === 'string' && raw['name'] ? raw['name'] : (profiles[0] as Profile).name || 'profile';
    const active = typeof raw['activeProfileIndex'] === 'number' ? raw['activeProfileIndex'] : 0;
    return makeGroup(name, profiles, active);
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toFrame(v: unknown, i: number): Frame {
  if (!isObject(v) || typeof v['name'] !== 'string') throw new Error(`shared.frames[${i}] has no name`);
  const f: { name: string; file?: string; line?: number; col?: number } = { name: v['name'] };
  if (typeof v['file'] === 'string') f.file = v['file'];
  if (typeof v['line'] === 'number') f.line = v['line'];
  if (typeof v['col'] === 'number') f.col = v['col'];
  return f;
}

function frameRef(frames: readonly Frame[], index: unknown, where: string): number | Frame {
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= frames.length)
    throw new Error(`${where}: frame ${String(index)} is not in shared.frames`);
  return frames[index] as Frame;
}

function toProfile(p: unknown, i: number, frames: readonly Frame[]): Profile {
  if (!isObject(p)) throw new Error(`profiles[${i}] is not an object`);
  const unit = p['unit'];
  if (!VALUE_UNITS.includes(unit as ValueUnit)) throw new Error(`profiles[${i}]: unknown unit ${JSON.stringify(unit)}`);
  const startValue = typeof p['startValue'] === 'number' ? p['startValue'] : 0;
  const name = typeof p['name'] === 'string' ? p['name'] : '';
  const builder = new ProfileBuilder({ name, unit: unit as ValueUnit, startValue });
  if (p['type'] === 'sampled') {
    const samples = p['samples'];
    const weights = p['weights'];
    if (!Array.isArray(samples) || !Array.isArray(weights))
      throw new Error(`profiles[${i}]: sampled profile needs "samples" and "weights" arrays`);
    if (samples.length !== weights.length)
      throw new Error(`profiles[${i}]: expected samples.length (${samples.length}) to equal weights.length (${weights.length})`);
    samples.forEach((stack, j) => {
      if (!Array.isArray(stack)) throw new Error(`profiles[${i}].samples[${j}] is not an array`);
      builder.appendSample(
        stack.map((f) => frameRef(frames, f, `profiles[${i}].samples[${j}]`)),
        weights[j] as number,
      );
    });
  } else if (p['type'] === 'evented') {
    const events = p['events'];
    if (!Array.isArray(events)) throw new Error(`profiles[${i}]: evented profile needs an "events" array`);
    events.forEach((e, j) => {
      if (!isObject(e)) throw new Error(`profiles[${i}].events[${j}] is not an object`);
      const frame = frameRef(frames, e['frame'], `profiles[${i}].events[${j}]`);
      if (typeof e['at'] !== 'number') throw new Error(`profiles[${i}].events[${j}] has no numeric "at"`);
      if (e['type'] === 'O') builder.enter(frame, e['at']);
      else if (e['type'] === 'C') builder.leave(frame, e['at']);
      else throw new Error(`profiles[${i}].events[${j}]: unknown event type ${JSON.stringify(e['type'])}`);
    });
  } else throw new Error(`profiles[${i}]: unknown profile type ${JSON.stringify(p['type'])}`);
  return builder.build();
}
