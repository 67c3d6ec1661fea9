/**
 * `ddia-labs flame` on files from the speedscope corpus (../shared, read-only): --json gives
 * {format, profiles:[{name, unit, totalWeight, samples, frames}]}, --folded gives folded stacks
 * that import again, and unreadable or corrupt input exits 3 with the reason.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../../../extension/cli/main';

const repoRoot = path.resolve(__dirname, '../../..');
const profiles = path.resolve(repoRoot, '..', 'shared', 'corpus', 'speedscope', 'sample', 'profiles');
const cpuprofile = path.join(profiles, 'node', '10.11.0', 'example.cpuprofile');
const twoSampled = path.join(profiles, 'speedscope', '0.6.0', 'two-sampled.speedscope.json');
const folded = path.join(profiles, 'stackcollapse', 'simple.txt');

function capture(): { io: Parameters<typeof runCli>[1]; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l) => out.push(l), err: (l) => err.push(l), distDir: __dirname }, out, err };
}

interface FlameJson {
  format: string;
  profiles: { name: string; unit: string; totalWeight: number; samples: number; frames: number }[];
}

async function flameJson(...argv: string[]): Promise<FlameJson> {
  const c = capture();
  assert.equal(await runCli(['flame', ...argv, '--json'], c.io), 0, c.err.join('\n'));
  return JSON.parse(c.out.join('\n')) as FlameJson;
}

describe('ddia-labs flame', () => {
  test('--json on a .cpuprofile', async () => {
    const r = await flameJson(cpuprofile);
    assert.equal(r.format, 'cpuprofile');
    assert.equal(r.profiles.length, 1);
    const p = r.profiles[0]!;
    assert.equal(typeof p.name, 'string');
    assert.ok(p.totalWeight > 0 && p.samples > 0 && p.frames > 0, JSON.stringify(p));
    assert.ok(['microseconds', 'milliseconds', 'nanoseconds', 'seconds'].includes(p.unit));
  });

  test('--json on a speedscope file with two profiles, with and without --format', async () => {
    const r = await flameJson(twoSampled);
    assert.equal(r.format, 'speedscope');
    assert.deepEqual(
      r.profiles.map((p) => p.name),
      ['one', 'two'],
    );
    assert.deepEqual(await flameJson(twoSampled, '--format', 'speedscope'), r);
  });

  test('--folded prints folded stacks that import back to the same total', async () => {
    const c = capture();
    assert.equal(await runCli(['flame', folded, '--folded'], c.io), 0);
    assert.ok(c.out.length > 0);
    for (const line of c.out.join('\n').split('\n')) assert.match(line, /^\S.* \d+$/);
    const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-flame-')), 'again.folded');
    fs.writeFileSync(tmp, c.out.join('\n') + '\n');
    assert.equal((await flameJson(tmp)).profiles[0]!.totalWeight, (await flameJson(folded)).profiles[0]!.totalWeight);
  });

  test('the text summary names the format and the heaviest frames', async () => {
    const c = capture();
    assert.equal(await runCli(['flame', cpuprofile], c.io), 0);
    assert.match(c.out.join('\n'), /cpuprofile, 1 profile[\s\S]*% self/);
  });

  test('corrupt, unrecognised and missing files exit 3 with the reason', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-flame-'));
    const truncated = path.join(dir, 'broken.cpuprofile');
    fs.writeFileSync(truncated, fs.readFileSync(cpuprofile, 'utf8').slice(0, 200));
    const garbage = path.join(dir, 'garbage.bin');
    fs.writeFileSync(garbage, 'this is not a profile\n');
    for (const [file, reason] of [
      [truncated, /cpuprofile/],
      [garbage, /not a profile format/],
      [path.join(dir, 'missing.cpuprofile'), /cannot read/],
      [folded, /not cpuprofile/],
    ] as const) {
      const c = capture();
      const argv = file === folded ? ['flame', file, '--format', 'cpuprofile'] : ['flame', file];
      assert.equal(await runCli(argv, c.io), 3, file);
      assert.match(c.err.join('\n'), reason);
    }
  });

  for (const [name, argv] of [
    ['no file', ['flame']],
    ['an unknown format', ['flame', folded, '--format', 'pprof']],
    ['--json with --folded', ['flame', folded, '--json', '--folded']],
  ] as const) {
    test(`${name} exits 2`, async () => {
      const c = capture();
      assert.equal(await runCli([...argv], c.io), 2);
      assert.ok(c.err.length > 0);
    });
  }
});
