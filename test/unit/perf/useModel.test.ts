/**
 * USE arithmetic on a fake /proc: two snapshots exactly 2 s apart with counters chosen so
 * that every expected value is a round number that can be checked by hand. A second case
 * reads an empty /proc (another OS) and expects every cell to say "not available here".
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { computeUse } from '../../../extension/perf/use/computeUse';
import { isAvailable, type Metric } from '../../../extension/perf/use/metric';
import { readSnapshot, type TextReader } from '../../../extension/perf/use/readSnapshot';

function fakeProc(files: Record<string, string>): TextReader {
  return { readText: async (p) => files[p] };
}

const NET_HEAD =
  'Inter-|   Receive |  Transmit\n face |bytes packets errs drop fifo frame compressed multicast|bytes packets errs drop fifo colls carrier compressed\n';

// Before: 2 CPUs. After 2 s (200 ticks per CPU at USER_HZ 100, 400 in total):
// cpu0 busy 150 of 200, cpu1 busy 50 of 200 → aggregate 200 of 400 = 0.5.
const T0: Record<string, string> = {
  '/proc/stat':
    'cpu  1000 0 500 8000 100 0 0 0 0 0\ncpu0 500 0 250 4000 50 0 0 0 0 0\ncpu1 500 0 250 4000 50 0 0 0 0 0\nctxt 10\nprocs_running 1\nprocs_blocked 0\n',
  '/proc/loadavg': '0.50 0.40 0.30 1/100 123\n',
  '/proc/pressure/cpu': 'some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n',
  '/proc/meminfo': 'MemTotal: 1000000 kB\nMemFree: 100000 kB\nMemAvailable: 500000 kB\n',
  '/proc/vmstat': 'pswpin 0\npswpout 0\npgmajfault 10\noom_kill 0\n',
  '/proc/diskstats':
    '   8 0 sda 100 0 800 100 100 0 800 100 0 1000 2000\n   8 1 sda1 100 0 800 100 100 0 800 100 0 1000 2000\n   7 0 loop0 0 0 0 0 0 0 0 0 0 0 0\n',
  '/proc/net/dev': `${NET_HEAD}    lo: 100 1 0 0 0 0 0 0 100 1 0 0 0 0 0 0\n  eth0: 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n`,
  '/sys/class/net/eth0/speed': '1000\n',
};

const T1: Record<string, string> = {
  ...T0,
  '/proc/stat':
    'cpu  1180 0 520 8180 120 0 0 0 0 0\ncpu0 640 0 260 4040 60 0 0 0 0 0\ncpu1 540 0 260 4140 60 0 0 0 0 0\nctxt 50\nprocs_running 5\nprocs_blocked 0\n',
  '/proc/pressure/cpu': 'some avg10=12.00 avg60=3.00 avg300=1.00 total=900000\n',
  '/proc/meminfo': 'MemTotal: 1000000 kB\nMemFree: 20000 kB\nMemAvailable: 40000 kB\n',
  '/proc/vmstat': 'pswpin 600\npswpout 1800\npgmajfault 210\noom_kill 1\n',
  // 2 s later: 300 more IOs, 1200 ms more busy, 9000 ms more weighted, 2400 sectors more.
  '/proc/diskstats':
    '   8 0 sda 250 0 2000 400 250 0 2000 700 0 2200 11000\n   8 1 sda1 250 0 2000 400 250 0 2000 700 0 2200 11000\n   7 0 loop0 0 0 0 0 0 0 0 0 0 0 0\n',
  '/proc/net/dev': `${NET_HEAD}    lo: 900 9 0 0 0 0 0 0 900 9 0 0 0 0 0 0\n  eth0: 200000000 1000 4 6 0 2 0 0 50000000 500 0 0 0 0 0 0\n`,
};

function value(m: Metric | undefined): number {
  assert.ok(m && isAvailable(m), JSON.stringify(m));
  return m.value;
}

describe('USE model on a fake /proc', () => {
  test('two snapshots 2 s apart give the hand-computed U, S and E for every resource', async () => {
    const a = await readSnapshot(fakeProc(T0), 99);
    const b = await readSnapshot(fakeProc(T1), 99);
    assert.equal(b.cpuCount, 2, 'CPU count comes from /proc/stat, not the fallback');
    const r = computeUse(a, b, 2);
    assert.deepEqual(
      r.resources.map((x) => x.name),
      ['CPUs', 'memory', 'sda', 'eth0', 'node event loop'],
      'partitions, loop devices and lo are skipped',
    );
    const [cpu, mem, sda, eth0] = r.resources;
    // CPU: busy Δ = (180 + 20) of Δall = 400 (idle+iowait Δ 200).
    assert.equal(value(cpu?.utilization), 0.5);
    assert.equal(cpu?.details['cpu0 busy'], 0.75);
    assert.equal(cpu?.details['cpu1 busy'], 0.25);
    assert.equal(value(cpu?.saturation), 2.5, '5 runnable on 2 CPUs');
    assert.equal(cpu?.saturation && isAvailable(cpu.saturation) && cpu.saturation.state, 'bad');
    assert.match(JSON.stringify(cpu?.errors), /not available here/);
    // Memory: 1 − 40000/1000000; (600 + 1800) pages / 2 s; 200 major faults / 2 s; one OOM kill.
    assert.equal(value(mem?.utilization), 0.96);
    assert.equal(value(mem?.saturation), 1200);
    assert.equal(mem?.details['major faults/s'], 100);
    assert.equal(value(mem?.errors), 1);
    assert.equal(mem?.errors && isAvailable(mem.errors) && mem.errors.state, 'bad');
    // Disk: Δio 1200 ms / 2000 ms; queue 9000 / 2000; 300 IOs / 2 s; await (300 + 600) / 300.
    assert.equal(value(sda?.utilization), 0.6);
    assert.equal(value(sda?.saturation), 4.5);
    assert.equal(sda?.details['reads/s'], 75);
    assert.equal(sda?.details['await ms'], 3);
    assert.equal(sda?.details['bytes/s'], (2400 * 512) / 2);
    // Network: 200 MB rx in 2 s = 800 Mb/s of a 1000 Mb/s link; 6 drops, 4 + 2 errors.
    assert.equal(value(eth0?.utilization), 0.8);
    assert.equal(value(eth0?.saturation), 3);
    assert.equal(value(eth0?.errors), 3);
    assert.match(JSON.stringify(r.resources[4]), /not available here: event-loop monitoring not running/);
  });

  test('a machine without /proc (macOS, Windows) gets every cell marked not available', async () => {
    const empty = await readSnapshot(fakeProc({}), 8);
    assert.equal(empty.cpuCount, 8);
    const r = computeUse(empty, empty, 1);
    for (const res of r.resources) {
      for (const m of [res.utilization, res.saturation, res.errors]) assert.match(JSON.stringify(m), /not available here/, res.name);
    }
    assert.deepEqual(
      r.resources.map((x) => x.kind),
      ['cpu', 'memory', 'disk', 'network', 'event-loop'],
    );
  });

  test('a counter that went backwards (reboot, wrap) is not available rather than negative', async () => {
    const a = await readSnapshot(fakeProc(T1), 2);
    const b = await readSnapshot(fakeProc(T0), 2);
    const r = computeUse(a, b, 2);
    for (const res of r.resources.slice(0, 4)) assert.ok(!isAvailable(res.utilization) || res.kind === 'memory', res.name);
    assert.match(JSON.stringify(r.resources[1]?.saturation), /not available here/);
  });

  test('a virtual NIC without link speed has no utilization but still has errors', async () => {
    const noSpeed = { ...T1 };
    delete noSpeed['/sys/class/net/eth0/speed'];
    const r = computeUse(await readSnapshot(fakeProc(T0), 2), await readSnapshot(fakeProc(noSpeed), 2), 2);
    const eth0 = r.resources.find((x) => x.name === 'eth0');
    assert.match(JSON.stringify(eth0?.utilization), /no link speed/);
    assert.equal(value(eth0?.errors), 3);
  });
});
