/**
 * `ddia-labs bench` end to end on real suites (few samples, so it stays fast): JSON results
 * with the summary statistics, verdicts naming their test, exit codes for bad arguments, and
 * non-regression through --baseline-dir: the first run creates baselines; a baseline edited
 * to be 10× faster than this machine makes the next run fail with exit 1.
 */
import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { baselineFileName } from '../../../extension/cli/benchCommand';
import { runCli } from '../../../extension/cli/main';

function capture(): { io: Parameters<typeof runCli>[1]; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l) => out.push(l), err: (l) => err.push(l), distDir: __dirname }, out, err };
}

describe('ddia-labs bench', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  test('--help, --list, and usage errors (exit 2)', async () => {
    let c = capture();
    assert.equal(await runCli(['bench', '--help'], c.io), 0);
    assert.match(c.out.join('\n'), /--baseline-dir/);
    c = capture();
    assert.equal(await runCli(['bench', '--list'], c.io), 0);
    assert.match(c.out.join('\n'), /^lookup\s/m);
    assert.match(c.out.join('\n'), /^serialize\s/m);
    c = capture();
    assert.equal(await runCli(['bench', 'nope'], c.io), 2);
    assert.match(c.err.join('\n'), /unknown suite 'nope' \(suites: lookup, serialize\)/);
    c = capture();
    assert.equal(await runCli(['bench'], c.io), 2);
    c = capture();
    assert.equal(await runCli(['bench', 'lookup', '--samples', '2'], c.io), 2);
    assert.match(c.err.join('\n'), /--samples must be an integer from 5 to 1000/);
  });

  test('lookup --json: every case summarized; Set.has beats a linear scan by Mann–Whitney U', async () => {
    const c = capture();
    assert.equal(await runCli(['bench', 'lookup', '--samples', '8', '--json'], c.io), 0, c.err.join('\n'));
    const r = JSON.parse(c.out.join('\n')) as {
      suite: string;
      results: { name: string; samples: number; summary: Record<string, number> }[];
      comparisons: { baseline: string; candidate: string; verdict: string; testName: string }[];
      regressed: boolean;
    };
    assert.equal(r.suite, 'lookup');
    assert.deepEqual(
      r.results.map((x) => x.name),
      ['Array.includes', 'Set.has', 'binary search'],
    );
    for (const x of r.results) {
      assert.equal(x.samples, 8);
      for (const k of ['meanNs', 'medianNs', 'p90Ns', 'p99Ns', 'p999Ns', 'stddevNs', 'cv', 'ciLowNs', 'ciHighNs'])
        assert.equal(typeof x.summary[k], 'number', k);
    }
    const linear = r.comparisons.find((x) => x.baseline === 'Array.includes');
    // A scan of 10,000 integers against one hash probe: ~100× apart, far beyond any noise.
    assert.equal(linear?.verdict, 'faster');
    assert.equal(linear?.testName, 'Mann–Whitney U');
    assert.equal(r.regressed, false);
  });

  test('--baseline-dir: creates baselines, then flags a case whose baseline is 10× faster than its fastest run (exit 1)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-baselines-'));
    dirs.push(dir);
    let c = capture();
    assert.equal(await runCli(['bench', 'serialize', '--samples', '6', '--baseline-dir', dir], c.io), 0, c.err.join('\n'));
    assert.equal((await readdir(dir)).length, 4);
    assert.match(c.out.join('\n'), /baseline created/);
    const file = path.join(dir, baselineFileName('serialize', 'JSON encode'));
    const b = JSON.parse(await readFile(file, 'utf8')) as { samplesNs: number[] };
    // Every baseline sample a tenth of this run's fastest one: whatever the machine's noise,
    // every new sample is slower than every baseline sample.
    const fastest = Math.min(...b.samplesNs);
    b.samplesNs = b.samplesNs.map((_, i) => (fastest / 10) * (1 + i / 1000));
    await writeFile(file, JSON.stringify(b));
    c = capture();
    assert.equal(await runCli(['bench', 'serialize', '--samples', '6', '--baseline-dir', dir], c.io), 1);
    assert.match(c.out.join('\n'), /JSON encode: REGRESSION/);
    await writeFile(file, 'not json');
    c = capture();
    assert.equal(await runCli(['bench', 'serialize', '--samples', '6', '--baseline-dir', dir], c.io), 1);
    assert.match(c.err.join('\n'), /is not JSON/);
  });
});
