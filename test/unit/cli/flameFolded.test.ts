/**
 * `ddia-labs flame <perf script> --folded` through the CLI command function: the output must be
 * what FlameGraph's stackcollapse-perf.pl prints for every FlameGraph test input (default,
 * --pid, --tid and the other test.sh options), byte for byte; deep stacks and large inputs
 * must not overflow the call stack or a string; devices and directories are refused (exit 3).
 *
 * For the 8 committed result files the corpus README documents as stale (4 Java inputs ×
 * --pid/--tid, predating FlameGraph e54f142), we match the current tool's regenerated output,
 * as the corpus recommends; importCollapsePerf.test.ts proves the only difference is that tidy.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../../extension/cli/main';
import { InputFileError, checkInputFile, readInputLines } from '../../../extension/cli/fileLines';

const repoRoot = path.resolve(process.env['DDIA_REPO_ROOT'] ?? path.resolve(__dirname, '../../..'));
const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus');
const TEST_DIR = path.join(corpus, 'FlameGraph', 'test');
const DERIVED = path.join(corpus, 'FlameGraph-derived', 'stackcollapse-perf-at-41fee1f');
const INPUTS = fs.readdirSync(TEST_DIR).filter((f) => f.endsWith('.txt'));

function capture(): { io: Parameters<typeof runCli>[1]; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l) => out.push(l), err: (l) => err.push(l), distDir: __dirname }, out, err };
}

async function flame(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const c = capture();
  const code = await runCli(['flame', ...argv], c.io);
  return { code, out: c.out, err: c.err };
}

/** Lines of an expected file, sorted (the comparison the corpus README asks for). */
function expectedLines(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .sort();
}

function expectedFile(base: string, opt: string): string | undefined {
  if (opt === 'default') return path.join(DERIVED, 'FlameGraph-test-default', `${base}-collapsed-default.txt`);
  const regenerated = path.join(DERIVED, 'FlameGraph-test-results-regenerated', `${base}-collapsed-${opt}.txt`);
  if (fs.existsSync(regenerated)) return regenerated;
  const committed = path.join(TEST_DIR, 'results', `${base}-collapsed-${opt}.txt`);
  return fs.existsSync(committed) ? committed : undefined;
}

describe('ddia-labs flame --folded on perf script = stackcollapse-perf.pl', () => {
  test('the corpus has the 13 FlameGraph inputs', () => assert.equal(INPUTS.length, 13));
  for (const input of INPUTS) {
    const base = input.replace(/\.txt$/, '');
    for (const opt of ['default', 'pid', 'tid', 'kernel', 'jit', 'all', 'addrs']) {
      const expected = expectedFile(base, opt);
      if (!expected) continue;
      test(`${input} ${opt === 'default' ? '(no option)' : `--${opt}`}`, async () => {
        const r = await flame(path.join(TEST_DIR, input), '--folded', ...(opt === 'default' ? [] : [`--${opt}`]));
        assert.equal(r.code, 0, r.err.join('\n'));
        assert.deepEqual([...r.out].sort(), expectedLines(expected));
        // Already in stackcollapse-perf.pl's order, one line per io.out call.
        assert.equal(r.out.join('\n') + '\n', fs.readFileSync(expected, 'utf8'));
      });
    }
  }

  test('every thread is printed, counted per sample (not only the first thread in microseconds)', async () => {
    const r = await flame(path.join(TEST_DIR, 'perf-numa-stacks-01.txt'), '--folded', '--tid');
    const threads = new Set(r.out.map((l) => l.split(';')[0]));
    assert.ok(threads.size > 1, [...threads].join(', '));
    assert.equal(
      r.out.reduce((s, l) => s + Number(l.slice(l.lastIndexOf(' ') + 1)), 0),
      199,
    );
  });

  test('--event-filter keeps another event than the first one seen', async () => {
    const file = path.join(TEST_DIR, 'perf-cycles-instructions-01.txt');
    const total = (out: string[]) => out.reduce((s, l) => s + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
    assert.equal(total((await flame(file, '--folded')).out), 333);
    assert.equal(total((await flame(file, '--folded', '--event-filter', 'cycles')).out), 111);
    const none = await flame(file, '--folded', '--event-filter', 'no-such-event');
    assert.equal(none.code, 0);
    assert.deepEqual(none.out, []);
    assert.match(none.err.join('\n'), /no complete samples/);
  });

  test('perf options need --folded and perf script input (exit 2)', async () => {
    assert.equal((await flame(path.join(TEST_DIR, 'perf-dd-stacks-01.txt'), '--pid')).code, 2);
    const folded = path.join(corpus, 'speedscope', 'sample', 'profiles', 'stackcollapse', 'simple.txt');
    const r = await flame(folded, '--folded', '--tid');
    assert.equal(r.code, 2);
    assert.match(r.err.join('\n'), /not perf script/);
  });
});

describe('ddia-labs flame: deep stacks, large inputs, files that are not files', () => {
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-flame-folded-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a 20,000-frame stack: --folded, --json and the summary', async () => {
    const depth = 20_000;
    const lines = ['deep 1234/1234 [000] 100.000001:          7 cpu-clock:'];
    for (let i = depth; i >= 1; i--) lines.push(`\t${(0x1000 + i).toString(16)} f${i}+0x1${i % 10} (/usr/bin/deep)`);
    const file = path.join(dir, 'deep.txt');
    fs.writeFileSync(file, lines.join('\n') + '\n\n');
    const r = await flame(file, '--folded');
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.equal(r.out.length, 1);
    const frames = r.out[0]!.split(' ')[0]!.split(';');
    assert.equal(frames.length, depth + 1);
    assert.deepEqual(frames.slice(0, 3), ['deep', 'f1', 'f2']);
    assert.equal(frames[depth], `f${depth}`);
    assert.match(r.out[0]!, / 7$/);
    const json = await flame(file, '--json');
    assert.equal(json.code, 0, json.err.join('\n'));
    assert.equal((JSON.parse(json.out.join('\n')) as { profiles: { frames: number }[] }).profiles[0]!.frames, depth);
    assert.equal((await flame(file)).code, 0);
  });

  test('a 20,000-frame folded stack converts back to folded (iterative export)', async () => {
    const depth = 20_000;
    const file = path.join(dir, 'deep.folded');
    fs.writeFileSync(file, `${Array.from({ length: depth }, (_, i) => `g${i}`).join(';')} 3\n`);
    const r = await flame(file, '--folded');
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.equal(r.out.length, 1);
    assert.equal(r.out[0]!.split(';').length, depth);
  });

  test('a large generated perf script streams in and out a line at a time', async () => {
    // 60,000 samples of 12 frames (≈ 25 MB), 30,000 distinct stacks.
    const file = path.join(dir, 'large.perf-script');
    const fd = fs.openSync(file, 'w');
    const samples = 60_000;
    let chunk = '';
    for (let i = 0; i < samples; i++) {
      chunk += `worker ${100 + (i % 4)}/${1000 + (i % 8)} [00${i % 4}] ${(1000 + i / 1000).toFixed(6)}:     1000 cycles:\n`;
      chunk += `\t${(0xfff + i).toString(16)} leaf_${i % 30_000}+0x1f (/usr/lib/libwork.so)\n`;
      for (let d = 10; d >= 0; d--) chunk += `\t${(0xa000 + d).toString(16)} level_${d} (/usr/bin/work)\n`;
      chunk += '\n';
      if (chunk.length > 1 << 20) {
        fs.writeSync(fd, chunk);
        chunk = '';
      }
    }
    fs.writeSync(fd, chunk);
    fs.closeSync(fd);
    const r = await flame(file, '--folded');
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.equal(r.out.length, 30_000);
    for (const line of [r.out[0]!, r.out[r.out.length - 1]!]) assert.match(line, /^worker;level_0;level_1;.*;level_10;leaf_\d+ 2000$/);
    assert.ok(r.out.every((l) => !l.includes('\n')));
    assert.equal(
      r.out.reduce((s, l) => s + Number(l.slice(l.lastIndexOf(' ') + 1)), 0),
      samples * 1000,
    );
  });

  test('/dev/zero, a directory and a FIFO are refused with exit 3', async () => {
    const targets: [string, RegExp][] = [[dir, /directory/]];
    if (fs.existsSync('/dev/zero')) targets.push(['/dev/zero', /not a regular file/]);
    for (const [target, reason] of targets) {
      for (const mode of [['--folded'], ['--json'], [], ['--folded', '--format', 'perf']]) {
        const r = await flame(target, ...mode);
        assert.equal(r.code, 3, `${target} ${mode.join(' ')}`);
        assert.match(r.err.join('\n'), reason);
        assert.match(r.err.join('\n'), /cannot read/);
      }
    }
  });

  test('a file over the size cap is refused before it is read (exit 3)', async () => {
    const big = path.join(dir, 'huge.perf-script');
    const fd = fs.openSync(big, 'w');
    fs.ftruncateSync(fd, 1024 ** 3 + 1); // sparse: takes no disk space
    fs.closeSync(fd);
    for (const mode of [['--folded'], []]) {
      const r = await flame(big, ...mode);
      assert.equal(r.code, 3);
      assert.match(r.err.join('\n'), /more than the \d+ MiB this command reads/);
    }
    assert.throws(() => checkInputFile(big, 1024), InputFileError);
  });

  test('readInputLines: chunk boundaries, UTF-8 split across chunks, final line, long-line cap', () => {
    const file = path.join(dir, 'lines.txt');
    const text = 'α;β 1\n\nsecond — line\r\nlast without newline';
    fs.writeFileSync(file, '\uFEFF' + text);
    for (const chunkBytes of [1, 2, 3, 5, 64]) assert.deepEqual([...readInputLines(file, { chunkBytes })], text.split('\n'));
    fs.writeFileSync(file, 'a\nb\n');
    assert.deepEqual([...readInputLines(file, { chunkBytes: 1 })], ['a', 'b']);
    fs.writeFileSync(file, 'x'.repeat(5000));
    assert.throws(() => [...readInputLines(file, { maxLineChars: 1000, chunkBytes: 512 })], /longer than/);
  });
});
