/**
 * The first-60-seconds runner with an injected PATH and runner that replay captured or
 * hand-written outputs: missing tools name their package, a timeout is reported as such, and
 * the summary finds what the fixtures were written to show (a saturated disk, swapping, a run
 * queue above the CPU count, an OOM kill) and nothing on the calm machine captured here.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { findOnPath } from '../../../extension/perf/checklist/commands';
import { runChecklist, type ChecklistDeps, type RunOutcome } from '../../../extension/perf/checklist/runChecklist';
import { fixture } from './fixtures';

function replay(outputs: Record<string, string>, extra: Partial<ChecklistDeps> = {}): ChecklistDeps {
  return {
    cpuCount: 4,
    which: async (name) => (Object.keys(outputs).some((k) => k.split(' ')[0] === name) ? `/usr/bin/${name}` : undefined),
    run: async (file, args): Promise<RunOutcome> => {
      const key = [file.replace('/usr/bin/', ''), ...args].join(' ');
      const stdout = outputs[key];
      if (stdout === undefined) return { stdout: '', stderr: `unexpected command ${key}`, exitCode: 2, timedOut: false };
      return { stdout, stderr: '', exitCode: 0, timedOut: false };
    },
    ...extra,
  };
}

describe('first 60 seconds', () => {
  test('this machine (no sysstat): procps and util-linux tools run, sysstat ones name their package, nothing stands out', async () => {
    const r = await runChecklist(
      replay({
        uptime: '07:15:28 up 11 min,  0 user,  load average: 0.20, 0.10, 0.05\n',
        dmesg: fixture('dmesg-tail.txt'),
        'vmstat 1 4': fixture('vmstat-1.txt').replace(/^ 5 /m, ' 1 '),
        'free -m': fixture('free-m.txt'),
        'top -b -n 1': fixture('top-b.txt'),
      }),
    );
    assert.deepEqual(
      r.steps.map((s) => `${s.id}:${s.status}`),
      [
        'uptime:ok',
        'dmesg:ok',
        'vmstat:ok',
        'mpstat:missing',
        'pidstat:missing',
        'iostat:missing',
        'free:ok',
        'sar-dev:missing',
        'sar-tcp:missing',
        'top:ok',
      ],
    );
    assert.match(r.steps[3]?.install ?? '', /apt install sysstat/);
    assert.deepEqual(r.findings, []);
  });

  test('a troubled machine: each rule fires with its evidence', async () => {
    const r = await runChecklist(
      replay({
        uptime: ' 19:24:01 up 41 days,  3:12,  2 users,  load average: 6.12, 4.88, 3.01\n',
        dmesg: fixture('dmesg-trouble.txt'),
        'vmstat 1 4': fixture('vmstat-procps4-gu.txt'),
        'mpstat -P ALL 1 3': fixture('mpstat-sysstat12.txt'),
        'pidstat 1 3': fixture('pidstat-sysstat12.txt'),
        'iostat -xz 1 3': fixture('iostat-xz-sysstat12.txt'),
        'free -m': fixture('free-m-old.txt'),
        'sar -n DEV 1 3': fixture('sar-dev-sysstat12.txt'),
        'sar -n TCP,ETCP 1 3': fixture('sar-tcp-etcp.txt'),
        'top -b -n 1': fixture('top-old-procps3.txt'),
      }),
    );
    assert.ok(
      r.steps.every((s) => s.status === 'ok'),
      JSON.stringify(r.steps.map((s) => [s.id, s.status, s.notes])),
    );
    const titles = r.findings.map((f) => `${f.source}: ${f.title}`);
    for (const expected of [
      'uptime: load average above CPU count',
      'dmesg: kernel log: oom',
      'dmesg: kernel log: io-error',
      'vmstat: run queue above CPU count',
      'vmstat: swapping',
      'mpstat: hot CPU while others idle',
      'pidstat: node waits for CPU',
      'iostat: disk nvme0n1 saturated',
      'sar -n DEV: interface eth0 near capacity',
      'sar -n TCP,ETCP: TCP retransmits',
    ]) {
      assert.ok(titles.includes(expected), `${expected} missing from ${JSON.stringify(titles)}`);
    }
    // The since-boot iostat report is calm and must not produce a finding of its own.
    assert.equal(titles.filter((t) => t.startsWith('iostat')).length, 1);
    assert.match(r.findings.find((f) => f.source === 'vmstat' && f.title === 'swapping')?.evidence ?? '', /80\/420/);
    assert.match(r.findings.find((f) => f.source === 'iostat')?.evidence ?? '', /%util 99.6/);
  });

  test('a tool that hangs is reported as timed out; one that fails keeps its stderr', async () => {
    const deps = replay({ uptime: '' });
    deps.run = async (file): Promise<RunOutcome> =>
      file.endsWith('uptime')
        ? { stdout: '', stderr: '', exitCode: null, timedOut: true }
        : { stdout: '', stderr: 'dmesg: read kernel buffer failed: Operation not permitted', exitCode: 1, timedOut: false };
    deps.which = async (n) => (n === 'uptime' || n === 'dmesg' ? `/bin/${n}` : undefined);
    const r = await runChecklist({ ...deps, timeoutMs: 500 });
    assert.equal(r.steps[0]?.status, 'timed-out');
    assert.match(r.steps[0]?.notes[0] ?? '', /500 ms/);
    // dmesg's permission error is parsed (restricted), not a failure without explanation.
    assert.equal(r.steps[1]?.status, 'ok');
    assert.match(r.steps[1]?.notes.join() ?? '', /restricted/);
  });

  test('a cancelled run marks the remaining steps cancelled', async () => {
    const ctl = new AbortController();
    const r = await runChecklist({
      ...replay({ uptime: fixture('uptime.txt') }),
      signal: ctl.signal,
      onStep: (id) => id === 'dmesg' && ctl.abort(),
    });
    assert.equal(r.steps[0]?.status, 'ok');
    assert.deepEqual(
      r.steps.slice(2).map((s) => s.status),
      Array(8).fill('cancelled'),
    );
  });

  test('PATH search returns the first directory holding the tool', async () => {
    const present = new Set(['/usr/local/bin/iostat', '/usr/bin/iostat']);
    assert.equal(await findOnPath('iostat', '/opt/x:/usr/local/bin/:/usr/bin', async (f) => present.has(f)), '/usr/local/bin/iostat');
    assert.equal(await findOnPath('sar', '/usr/bin', async (f) => present.has(f)), undefined);
  });
});
