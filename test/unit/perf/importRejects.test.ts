/**
 * Every importer answers "not this format" (never throws, never claims) for every other
 * format's files in the corpus, and a recognisable but corrupt or truncated file of its own
 * format gives an error that names the problem.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { IMPORTERS, importProfile } from '../../../extension/perf/import/importProfile';
import { ProfileInput } from '../../../extension/perf/import/input';
import { PROFILE_FORMATS, type ProfileFormat } from '../../../extension/perf/import/result';
import { FLAMEGRAPH, SPEEDSCOPE, readCorpus, sampleFiles } from './importCorpus';

const files: { format: ProfileFormat; file: string }[] = [
  ...sampleFiles(),
  ...fs
    .readdirSync(path.join(FLAMEGRAPH, 'test'))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => ({ format: 'perf' as const, file: path.join(FLAMEGRAPH, 'test', f) })),
  ...fs
    .readdirSync(path.join(FLAMEGRAPH, 'test', 'results'))
    .slice(0, 6)
    .map((f) => ({ format: 'folded' as const, file: path.join(FLAMEGRAPH, 'test', 'results', f) })),
];

describe('importers reject other formats', () => {
  for (const { format, file } of files) {
    const input = new ProfileInput(ProfileInput.from(readCorpus(file)).text);
    test(`${path.relative(path.dirname(SPEEDSCOPE), file)} is only ${format}`, () => {
      for (const other of PROFILE_FORMATS) {
        const result = IMPORTERS[other](input);
        if (other === format) assert.equal(result.kind, 'ok', `${other}: ${JSON.stringify(result).slice(0, 300)}`);
        else assert.equal(result.kind, 'not-this-format', `${other} claimed a ${format} file: ${JSON.stringify(result).slice(0, 300)}`);
      }
    });
  }
  test('binary noise and an empty file are unrecognised by the dispatcher', () => {
    const noise = Uint8Array.from({ length: 512 }, (_, i) => (i * 97 + 13) % 256);
    assert.equal(importProfile(noise).kind, 'unrecognised');
    assert.equal(importProfile('').kind, 'unrecognised');
  });
});

const simpleCpu = readCorpus(path.join(SPEEDSCOPE, 'sample/profiles/Chrome/65/simple.cpuprofile')).toString('utf8');
const twoSampled = readCorpus(path.join(SPEEDSCOPE, 'sample/profiles/speedscope/0.6.0/two-sampled.speedscope.json')).toString('utf8');

function errorOf(text: string, fileName?: string): string {
  const result = importProfile(text, fileName);
  assert.equal(result.kind, 'error', JSON.stringify(result).slice(0, 300));
  return result.kind === 'error' ? result.message : '';
}

describe('corrupt and truncated files give clear errors', () => {
  const cpu = JSON.parse(simpleCpu) as { samples: number[]; timeDeltas: number[]; nodes: { id: number; children?: number[] }[] };
  const table: [string, () => string, RegExp][] = [
    ['cpuprofile cut in half', () => errorOf(simpleCpu.slice(0, simpleCpu.length / 2)), /^cpuprofile: truncated or invalid JSON/],
    ['cpuprofile cut in half, named', () => errorOf(simpleCpu.slice(0, 700), 'x.cpuprofile'), /truncated or invalid JSON/],
    [
      'cpuprofile sample pointing at a missing node',
      () => errorOf(JSON.stringify({ ...cpu, samples: [...cpu.samples.slice(0, -1), 999] })),
      /samples\[28\] refers to node 999/,
    ],
    [
      'cpuprofile with fewer time deltas than samples',
      () => errorOf(JSON.stringify({ ...cpu, timeDeltas: cpu.timeDeltas.slice(0, 5) })),
      /"timeDeltas" has 5 entries but "samples" has 29/,
    ],
    [
      'cpuprofile child that does not exist',
      () => errorOf(JSON.stringify({ ...cpu, nodes: cpu.nodes.map((n, i) => (i === 0 ? { ...n, children: [42] } : n)) })),
      /lists child 42/,
    ],
    ['speedscope cut short', () => errorOf(twoSampled.slice(0, 400)), /^speedscope: truncated or invalid JSON/],
    [
      'speedscope frame index out of range',
      () => errorOf(twoSampled.replace('[0, 1]]', '[0, 9]]')),
      /samples\[4\]: frame 9 is not in shared.frames/,
    ],
    ['speedscope unknown unit', () => errorOf(twoSampled.replace('"seconds"', '"furlongs"')), /unknown unit "furlongs"/],
    [
      'speedscope samples and weights differ',
      () => errorOf(twoSampled.replace('[1, 1, 4, 3, 5]', '[1, 1, 4]')),
      /samples.length \(5\) to equal weights.length \(3\)/,
    ],
    ['speedscope negative weight', () => errorOf(twoSampled.replace('[1, 1, 4, 3, 5]', '[1, -1, 4, 3, 5]')), /weight -1 must be/],
    [
      'folded count beyond safe integers',
      () => errorOf('a;b 1\na;c 99999999999999999999\n'),
      /line 2: count 99999999999999999999 is too large/,
    ],
    [
      'perf timestamps going backwards',
      () => errorOf('ab 1 2.0: cpu-clock:\n\t1 f (/x)\n\nab 1 1.0: cpu-clock:\n\t1 g (/x)\n'),
      /line 4: timestamp 1 is earlier/,
    ],
  ];
  for (const [name, run, pattern] of table) test(name, () => assert.match(run(), pattern));

  test('a perf script cut mid-frame keeps the complete events before the cut', () => {
    const text = readCorpus(path.join(SPEEDSCOPE, 'sample/profiles/linux-perf/simple-with-header.linux-perf.txt')).toString('utf8');
    const result = importProfile(text.slice(0, Math.floor(text.length / 2)));
    assert.ok(result.kind === 'ok');
    assert.ok(result.group.profiles[0]!.samples.length > 10);
  });
});
