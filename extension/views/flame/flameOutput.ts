/**
 * Flame-graph outputs (notebook renderer `ddia-labs.flamegraph`, also what the CLI's HTML page
 * embeds): the profile as the built model (extension/perf/model/types.ts), which is plain,
 * interned, index-based JSON already, so the view draws it without parsing a file format. The
 * view checks every index before trusting it: a bad index would draw garbage, not fail.
 * Speedscope's format stays for files written to disk (`p.speedscope()`, `ddia-labs flame --export`).
 */
import type { Profile, ProfileGroup } from '../../perf/model/types';
import { outputContract } from '../contract/outputContract';
import * as s from '../contract/shape';

export const FLAME_MIME = 'application/vnd.ddia-labs.flamegraph+json';

const UNITS = ['none', 'nanoseconds', 'microseconds', 'milliseconds', 'seconds', 'bytes'];

const isIndexList = (v: unknown, below: number, lowest: number): boolean =>
  Array.isArray(v) && v.every((x) => Number.isInteger(x) && (x as number) >= lowest && (x as number) < below);

/** The first problem with a profile's wire shape (see the model's types.ts), or undefined. */
export function profileProblem(p: unknown): string | undefined {
  if (!s.isObject(p)) return 'is not a profile object';
  if (typeof p['name'] !== 'string') return "needs a 'name'";
  if (!UNITS.includes(p['unit'] as string)) return `has an unknown unit ${JSON.stringify(p['unit'])}`;
  if (p['kind'] !== 'sampled' && p['kind'] !== 'evented') return `has an unknown kind ${JSON.stringify(p['kind'])}`;
  const frames = p['frames'];
  if (!Array.isArray(frames) || !frames.every((f) => s.isObject(f) && typeof f['name'] === 'string'))
    return "needs 'frames': [{name, file?, line?, col?}]";
  const stackFrame = p['stackFrame'];
  if (!isIndexList(stackFrame, frames.length, 0)) return "'stackFrame' must hold frame indices";
  const stacks = (stackFrame as unknown[]).length;
  const parents = p['stackParent'];
  if (!Array.isArray(parents) || parents.length !== stacks || !parents.every((x, i) => Number.isInteger(x) && x >= -1 && x < i))
    return "'stackParent' must give each stack node an earlier parent or -1";
  if (!isIndexList(p['samples'], stacks, -1)) return "'samples' must hold stack indices or -1";
  const weights = p['weights'];
  if (
    !Array.isArray(weights) ||
    weights.length !== (p['samples'] as unknown[]).length ||
    !weights.every((w) => typeof w === 'number' && w >= 0)
  )
    return "'weights' must give each sample a non-negative weight";
  if (typeof p['startValue'] !== 'number') return "needs a numeric 'startValue'";
  return undefined;
}

const profileSchema = {
  type: 'object',
  description:
    'One profile of the model (extension/perf/model/types.ts): interned frames, stack nodes as (frame, parent) pairs, samples as stack indices (-1 = idle) with one weight each.',
  required: ['name', 'unit', 'kind', 'frames', 'stackFrame', 'stackParent', 'samples', 'weights', 'startValue'],
  properties: {
    name: { type: 'string' },
    unit: { enum: UNITS },
    kind: { enum: ['sampled', 'evented'] },
    frames: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string' }, file: { type: 'string' }, line: { type: 'integer' }, col: { type: 'integer' } },
      },
    },
    stackFrame: { type: 'array', items: { type: 'integer', minimum: 0 } },
    stackParent: { type: 'array', items: { type: 'integer', minimum: -1 } },
    samples: { type: 'array', items: { type: 'integer', minimum: -1 } },
    weights: { type: 'array', items: { type: 'number', minimum: 0 } },
    startValue: { type: 'number' },
  },
};

const profile = s.typed<Profile>('a profile', profileSchema, profileProblem);

const group = s.refine(
  s.object({
    name: s.string(),
    activeIndex: s.number({ integer: true, min: 0, description: 'Which profile a viewer shows first.' }),
    profiles: s.array(profile, { minItems: 1, description: 'Several profiles from one recording, e.g. one per thread.' }),
  }),
  (g) => (g.activeIndex < g.profiles.length ? undefined : `activeIndex ${g.activeIndex} is past the last profile`),
);

const flameShape = s.object(
  { version: s.literal(2), group: s.typed<ProfileGroup>(group.expected, group.json(), (v) => group.problem(v, '')) },
  {
    title: s.string(),
    before: s.typed<Profile>(
      'a profile',
      { ...profileSchema, description: 'When present, the view opens as a differential flame graph of `before` → the active profile.' },
      profileProblem,
    ),
  },
);

export const flameOutput = outputContract(
  {
    mime: FLAME_MIME,
    what: 'flame graph',
    schemaName: 'flamegraph',
    version: 2,
    title: 'DDIA Labs flame graph (version 2)',
    description:
      'A CPU profile as the profile model (version 1 carried speedscope JSON, which the view had to re-import), drawn as a flame graph; with `before`, as a differential flame graph.',
  },
  flameShape,
);

export type FlameSpec = s.Infer<typeof flameShape>;
