/**
 * Collecting profiles from outside the process: the pure command lines and failure diagnosis
 * of perfRecordPlan (table-driven, with stderr texts perf really prints), then real runs — a
 * Node script under `--cpu-prof`, and under `perf record` when this machine allows it (the
 * test says why it is skipped otherwise). Both real runs check that the hot JavaScript
 * function of the script shows up in the imported profile.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runWithCpuProf } from '../../../extension/perf/collect/nodeCpuProf';
import { perfEnvironment, recordWithPerf } from '../../../extension/perf/collect/perfRecord';
import {
  diagnoseEnvironment,
  diagnosePerfFailure,
  nodeCpuProfArgs,
  parseParanoid,
  perfRecordArgs,
  perfScriptArgs,
} from '../../../extension/perf/collect/perfRecordPlan';
import { importProfile } from '../../../extension/perf/import/importProfile';
import { frameWeights } from '../../../extension/perf/model/weights';

describe('perf command lines', () => {
  test('perf record: cpu-clock at 999 Hz with call graphs, Node with its JIT map', () => {
    assert.deepEqual(
      perfRecordArgs({ output: '/o/x.data', v8Log: '/o/x.v8.log', nodePath: '/usr/bin/node', script: '/w/a.js', scriptArgs: ['--n', '3'] }),
      [
        'record',
        '-F',
        '999',
        '-g',
        '-e',
        'cpu-clock',
        '-o',
        '/o/x.data',
        '--',
        '/usr/bin/node',
        '--perf-basic-prof',
        '--logfile=/o/x.v8.log',
        '--no-logfile-per-isolate',
        '/w/a.js',
        '--n',
        '3',
      ],
    );
    assert.deepEqual(
      perfRecordArgs({ output: 'o', v8Log: 'l', nodePath: 'node', script: 's', frequency: 99, event: 'cycles' }).slice(0, 6),
      ['record', '-F', '99', '-g', '-e', 'cycles'],
    );
    assert.throws(() => perfRecordArgs({ output: 'o', v8Log: 'l', nodePath: 'node', script: 's', frequency: 0 }), /1\.\.100000/);
    assert.deepEqual(perfScriptArgs('/o/x.data'), ['script', '-i', '/o/x.data']);
    assert.deepEqual(nodeCpuProfArgs('/d', '/w/a.js', ['x'], 500), [
      '--cpu-prof',
      '--cpu-prof-dir=/d',
      '--cpu-prof-interval=500',
      '/w/a.js',
      'x',
    ]);
    assert.deepEqual(nodeCpuProfArgs('/d', '/w/a.js'), ['--cpu-prof', '--cpu-prof-dir=/d', '/w/a.js']);
  });

  test('paranoid level parsing', () => {
    assert.equal(parseParanoid('2\n'), 2);
    assert.equal(parseParanoid('-1'), -1);
    assert.equal(parseParanoid(''), undefined);
    assert.equal(parseParanoid(undefined), undefined);
  });
});

describe('perf diagnosis', () => {
  const env = { platform: 'linux', perfPath: '/usr/bin/perf', paranoid: 2, privileged: false };
  const envCases: [string, Parameters<typeof diagnoseEnvironment>[0], string | undefined][] = [
    ['usable at 2 for own processes', env, undefined],
    ['not Linux', { ...env, platform: 'darwin' }, 'not-linux'],
    ['no perf on PATH', { ...env, perfPath: undefined }, 'missing'],
    ['Debian default 3 forbids users', { ...env, paranoid: 3 }, 'not-permitted'],
    ['root is not limited by the level', { ...env, paranoid: 4, privileged: true }, undefined],
  ];
  for (const [name, e, kind] of envCases) test(`environment: ${name}`, () => assert.equal(diagnoseEnvironment(e)?.kind, kind));

  const PARANOID_TEXT = [
    'Error:',
    'Access to performance monitoring and observability operations is limited.',
    'Consider adjusting /proc/sys/kernel/perf_event_paranoid setting to open',
    'access to performance monitoring and observability operations for processes',
    'without CAP_PERFMON, CAP_SYS_PTRACE or CAP_SYS_ADMIN Linux capability.',
  ].join('\n');
  const failures: [string, string, number | undefined, string, RegExp][] = [
    ['paranoid refusal', PARANOID_TEXT, 3, 'not-permitted', /perf_event_paranoid=1/],
    [
      'Debian wrapper without the kernel’s package',
      '/usr/bin/perf: line 13: exec: perf_6.1: not found\nE: linux-perf-6.1 is not installed.',
      2,
      'missing',
      /linux-perf/,
    ],
    [
      'EPERM inside a container although the level allows it',
      'perf_event_open(..., PERF_FLAG_FD_CLOEXEC) failed with unexpected error 1 (Operation not permitted)',
      1,
      'not-permitted',
      /seccomp|container/,
    ],
    [
      'hardware event on a VM',
      "event syntax error: 'cycles'\n                     \\___ parser error",
      2,
      'event-unsupported',
      /cpu-clock/,
    ],
    ['anything else keeps perf’s words', 'perf: something odd happened', 2, 'failed', /something odd happened/],
  ];
  for (const [name, stderr, paranoid, kind, says] of failures)
    test(`failure: ${name}`, () => {
      const p = diagnosePerfFailure(stderr, 255, paranoid);
      assert.equal(p.kind, kind);
      assert.match(`${p.message} ${'remedy' in p ? p.remedy : ''}`, says);
    });
});

/** A script with one obviously hot function. */
const SCRIPT = [
  'function hotLoop(n) {',
  '  let s = 0;',
  '  for (let i = 0; i < n; i++) s += Math.sqrt(i) * Math.sin(i);',
  '  return s;',
  '}',
  'let total = 0;',
  'for (let k = 0; k < 6; k++) total += hotLoop(1e6);',
  'console.log(total);',
  '',
].join('\n');

describe('real collection', () => {
  let dir: string;
  let script: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-collect-'));
    script = path.join(dir, 'busy.js');
    fs.writeFileSync(script, SCRIPT);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const heaviest = (bytes: string, file: string): string[] => {
    const r = importProfile(new Uint8Array(fs.readFileSync(bytes)), file);
    assert.equal(r.kind, 'ok', JSON.stringify(r).slice(0, 300));
    if (r.kind !== 'ok') return [];
    const names: [string, number][] = [];
    for (const p of r.group.profiles) {
      const { self } = frameWeights(p);
      p.frames.forEach((f, i) => names.push([f.name, self[i] as number]));
    }
    return names.sort((a, b) => b[1] - a[1]).map((n) => n[0]);
  };

  test('node --cpu-prof: the main thread profile has the hot function on top', async () => {
    const out = await runWithCpuProf({ script, outDir: path.join(dir, 'cpuprof') });
    assert.ok(out.ok, JSON.stringify(out));
    if (!out.ok) return;
    assert.ok(heaviest(out.mainProfile, out.mainProfile).slice(0, 2).includes('hotLoop'));
  });

  test('node --cpu-prof: a failing script still gives a profile plus its exit code and error; a missing node is an error', async () => {
    const bad = path.join(dir, 'bad.js');
    fs.writeFileSync(bad, 'syntax error here');
    const out = await runWithCpuProf({ script: bad, outDir: path.join(dir, 'cpuprof-bad') });
    assert.equal(out.ok, true);
    assert.deepEqual(out.ok && [out.exitCode, /SyntaxError/.test(out.stderr)], [1, true]);
    const missing = await runWithCpuProf({ script: bad, outDir: path.join(dir, 'cpuprof-bad2'), nodePath: path.join(dir, 'no-such-node') });
    assert.equal(missing.ok, false);
    assert.match(missing.ok ? '' : missing.message, /could not start .*no-such-node/);
  });

  test('node --cpu-prof: cancel stops the script and says there is no profile', async () => {
    const forever = path.join(dir, 'forever.js');
    fs.writeFileSync(forever, 'for (;;) {}');
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const out = await runWithCpuProf({ script: forever, outDir: path.join(dir, 'cpuprof-cancel'), signal: ac.signal });
    assert.deepEqual([out.ok, !out.ok && out.cancelled], [false, true]);
  });

  test('perf record + perf script: JIT-compiled hot function named in the folded stacks', async (t) => {
    const env = await perfEnvironment();
    const problem = diagnoseEnvironment(env);
    if (problem) return t.skip(`perf is not usable here: ${problem.message}`);
    const out = await recordWithPerf({ script, outDir: path.join(dir, 'perf'), timeoutMs: 60_000 });
    if (!out.ok && out.problem.kind === 'not-permitted') return t.skip(`perf is not permitted here: ${out.problem.message}`);
    assert.ok(out.ok, JSON.stringify(out));
    if (!out.ok) return;
    const folded = fs.readFileSync(out.foldedFile, 'utf8');
    // V8's code log (turned on by --perf-basic-prof) went to the output folder and was removed.
    assert.deepEqual(
      fs.readdirSync(process.cwd()).filter((f) => /^isolate-.*-v8\.log$/.test(f)),
      [],
    );
    assert.equal(fs.existsSync(path.join(dir, 'perf', 'busy.v8.log')), false);
    // --perf-basic-prof names JIT code as e.g. "JS:*hotLoop /tmp/…/busy.js:1:17" (Node 20).
    assert.match(folded, /hotLoop/);
    // Self time lands in Math.sin's native code, with the JS function below it, and JIT tiers
    // name it differently ("~hotLoop", "*hotLoop"); so count stacks: of the samples in the
    // script's JavaScript, nearly all are in hotLoop. (Start-up and exit are not JavaScript.)
    const weightOf = (re: RegExp): number =>
      folded
        .split('\n')
        .filter((l) => re.test(l))
        .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
    const inScript = weightOf(/busy\.js/);
    assert.ok(weightOf(/hotLoop/) >= 0.8 * inScript && inScript > 0, `hotLoop ${weightOf(/hotLoop/)} of ${inScript} in busy.js`);
    // The speedscope file reads back with our importer, one profile per thread.
    const r = importProfile(new Uint8Array(fs.readFileSync(out.speedscopeFile)), out.speedscopeFile);
    assert.equal(r.kind, 'ok');
    assert.ok(r.kind === 'ok' && r.group.profiles.some((p) => p.frames.some((f) => f.name.includes('hotLoop'))));
  });
});
