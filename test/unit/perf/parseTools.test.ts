/**
 * Parsers for the first-60-seconds tools. uptime, dmesg, vmstat, free and top were captured on
 * the build machine; sysstat (mpstat, pidstat, iostat, sar) is not installed there, so those
 * fixtures are written from the sysstat man pages and real sessions for three versions, with
 * a de_DE locale (decimal commas, translated labels) and 12-hour timestamps among them.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { parseColumnBlocks } from '../../../extension/perf/parsers/columnBlocks';
import { parseDmesg } from '../../../extension/perf/parsers/dmesg';
import { parseFree } from '../../../extension/perf/parsers/free';
import { parseIostat } from '../../../extension/perf/parsers/iostat';
import { parseMpstat } from '../../../extension/perf/parsers/mpstat';
import { parseNumber } from '../../../extension/perf/parsers/number';
import { parsePidstat } from '../../../extension/perf/parsers/pidstat';
import { parseSarDev, parseSarTcp } from '../../../extension/perf/parsers/sarNetwork';
import { parseTop } from '../../../extension/perf/parsers/top';
import { parseUptime } from '../../../extension/perf/parsers/uptime';
import { parseVmstatTool } from '../../../extension/perf/parsers/vmstatTool';
import { fixture, ok } from './fixtures';

describe('numbers and column blocks', () => {
  test('decimal commas parse; dashes, words and thousands-like tokens do not', () => {
    assert.equal(parseNumber('12,50'), 12.5);
    assert.equal(parseNumber('-3.5'), -3.5);
    for (const t of ['-', 'n/a', '', '1,2,3', 'all']) assert.equal(parseNumber(t), undefined, t);
  });

  test('12-hour times and "Average:" labels are not taken for cells', () => {
    const [b] = parseColumnBlocks('01:00:00 PM  CPU  %idle\n01:00:01 PM  all  99.00\nAverage:  CPU  %idle\nAverage:  all  98.00\n');
    assert.deepEqual(b?.columns, ['CPU', '%idle']);
    assert.deepEqual(b?.rows, [
      { time: '01:00:01 PM', summary: false, cells: { CPU: 'all', '%idle': '99.00' } },
      { summary: true, cells: { CPU: 'all', '%idle': '98.00' } },
    ]);
  });
});

describe('uptime and dmesg', () => {
  test('uptime captured here, under de_DE, and on macOS', () => {
    assert.deepEqual(ok(parseUptime(fixture('uptime.txt'))), { load1: 2.66, load5: 1.1, load15: 0.56, users: 0, up: '11 min' });
    assert.deepEqual(ok(parseUptime(fixture('uptime-de-locale.txt'))), {
      load1: 0.52,
      load5: 0.58,
      load15: 0.59,
      users: 2,
      up: '3 days,  4:05',
    });
    const mac = ok(parseUptime(fixture('uptime-macos.txt')));
    assert.deepEqual([mac.load1, mac.load5, mac.load15], [1.52, 1.66, 1.73]);
  });

  test('dmesg tail captured here has no concerns; a troubled one flags OOM, SYN flood, I/O error, hung task', () => {
    const calm = ok(parseDmesg(fixture('dmesg-tail.txt')));
    assert.equal(calm.lines.length, 10);
    assert.equal(calm.lines[0]?.timestamp, '0.422186');
    assert.deepEqual(
      calm.lines.filter((l) => l.concern),
      [],
    );
    const bad = ok(parseDmesg(fixture('dmesg-trouble.txt')));
    assert.deepEqual(
      bad.lines.map((l) => l.concern),
      ['oom', 'oom', 'network', 'io-error', 'hung-task', undefined],
    );
  });

  test('a restricted kernel log is reported as such, not as an empty log', () => {
    const r = parseDmesg(fixture('dmesg-restricted.txt'));
    assert.ok(r.ok && r.value.restricted && r.value.lines.length === 0);
  });
});

describe('vmstat, free, top', () => {
  test('vmstat 1 captured here: first row marked since boot, columns by name', () => {
    const s = ok(parseVmstatTool(fixture('vmstat-1.txt')));
    assert.equal(s.length, 3);
    assert.equal(s[0]?.sinceBoot, true);
    assert.deepEqual([s[2]?.runnable, s[2]?.blocksOutPerSec, s[2]?.idlePct, s[2]?.stealPct], [5, 2448, 71, 0]);
  });

  test('vmstat from procps-ng 4 with the extra gu column', () => {
    const s = ok(parseVmstatTool(fixture('vmstat-procps4-gu.txt')));
    assert.deepEqual([s[1]?.runnable, s[1]?.swapOutPerSec, s[1]?.userPct, s[1]?.idlePct], [9, 420, 88, 0]);
  });

  test('free -m: current layout captured here, old -/+ layout, and German labels', () => {
    const now = ok(parseFree(fixture('free-m.txt')));
    assert.deepEqual(now, {
      mem: { totalMb: 24105, usedMb: 376, freeMb: 23424, sharedMb: 8, buffCacheMb: 578, availableMb: 23728 },
      swap: { totalMb: 0, usedMb: 0, freeMb: 0 },
      layout: 'available',
    });
    const old = parseFree(fixture('free-m-old.txt'));
    assert.ok(old.ok);
    assert.equal(old.value.layout, 'buffers-cached');
    assert.deepEqual([old.value.mem.buffCacheMb, old.value.mem.availableMb, old.value.swap?.usedMb], [1733, 1911, 1208]);
    assert.match(old.notes.join(), /approximated/);
    const de = ok(parseFree(fixture('free-m-de-locale.txt')));
    assert.deepEqual([de.mem.totalMb, de.mem.availableMb, de.swap?.usedMb], [15902, 5841, 980]);
  });

  test('top -b -n 1 captured here: summary lines and process table', () => {
    const t = ok(parseTop(fixture('top-b.txt')));
    assert.equal(t.load1, 2.66);
    assert.deepEqual(t.tasks, { total: 78, running: 1, sleeping: 77, zombie: 0 });
    assert.deepEqual(t.cpu, { userPct: 40, systemPct: 60, idlePct: 0, iowaitPct: 0, stealPct: 0 });
    assert.equal(t.memMb.total, 24105.1);
    assert.equal(t.memMb.available, 23729.4);
    assert.equal(t.processes[1]?.command, 'top');
  });

  test('top from procps 3 (KiB, "92.3%us") and under de_DE (commas, "MiB Spch")', () => {
    const old = ok(parseTop(fixture('top-old-procps3.txt')));
    assert.deepEqual([old.cpu.userPct, old.cpu.iowaitPct, old.tasks.running], [92.3, 1.2, 7]);
    assert.ok(Math.abs((old.swapMb.used ?? 0) - 1237404 / 1024) < 1e-9);
    assert.equal(old.processes[1]?.command, 'php-fpm: pool www');
    const de = ok(parseTop(fixture('top-de-locale.txt')));
    assert.deepEqual([de.load1, de.cpu.idlePct, de.memMb.total, de.memMb.available], [0.42, 95.6, 15902.4, 5841.2]);
    assert.equal(de.processes[0]?.cpuPct, 6.2);
  });
});

describe('sysstat tools', () => {
  test('mpstat sysstat 12: per-CPU samples and averages', () => {
    const m = ok(parseMpstat(fixture('mpstat-sysstat12.txt')));
    assert.equal(m.samples.length, 10);
    assert.equal(m.average.length, 5);
    assert.deepEqual(m.samples[1], {
      time: '07:20:02',
      cpu: '0',
      usrPct: 98,
      nicePct: 0,
      sysPct: 2,
      iowaitPct: 0,
      irqPct: 0,
      softPct: 0,
      stealPct: 0,
      idlePct: 0,
    });
  });

  test('mpstat under de_DE: decimal commas and a translated "Durchschn.:" label', () => {
    const m = ok(parseMpstat(fixture('mpstat-de-locale.txt')));
    assert.equal(m.samples[1]?.iowaitPct, 23);
    assert.equal(m.average.length, 3);
    assert.equal(m.average[0]?.idlePct, 84.92);
  });

  test('old mpstat: 12-hour times, %user/%system names, no %steal column', () => {
    const r = parseMpstat(fixture('mpstat-old-12h.txt'));
    assert.ok(r.ok);
    assert.deepEqual(r.value.samples[0], {
      time: '07:20:02 PM',
      cpu: 'all',
      usrPct: 3,
      nicePct: 0,
      sysPct: 1.5,
      iowaitPct: 0,
      irqPct: 0,
      softPct: 0,
      stealPct: undefined,
      idlePct: 95.5,
    });
    assert.match(r.notes.join(), /steal/);
  });

  test('pidstat 12 with %wait; old pidstat without it', () => {
    const p = ok(parsePidstat(fixture('pidstat-sysstat12.txt')));
    assert.equal(p.samples.length, 5);
    assert.deepEqual(p.samples[0], {
      time: '07:21:12',
      pid: 21034,
      uid: 1000,
      usrPct: 98.02,
      systemPct: 1.98,
      waitPct: 35.64,
      cpuPct: 100,
      cpu: 0,
      command: 'node',
    });
    assert.equal(p.average[0]?.cpu, undefined);
    const old = parsePidstat(fixture('pidstat-old-12h.txt'));
    assert.ok(old.ok && old.value.samples[1]?.waitPct === undefined && old.value.samples[1]?.cpuPct === 16.83);
  });

  test('iostat -xz sysstat 12: two reports, the first since boot, a saturated nvme in the second', () => {
    const reports = ok(parseIostat(fixture('iostat-xz-sysstat12.txt')));
    assert.equal(reports.length, 2);
    assert.equal(reports[0]?.sinceBoot, true);
    assert.equal(reports[1]?.cpu?.iowaitPct, 18.56);
    assert.deepEqual(reports[1]?.devices[0], {
      device: 'nvme0n1',
      readsPerSec: 1510,
      writesPerSec: 412,
      readKbPerSec: 96640,
      writeKbPerSec: 52736,
      readAwaitMs: 2.1,
      writeAwaitMs: 11.47,
      awaitMs: undefined,
      queueSize: 7.9,
      utilPct: 99.6,
    });
  });

  test('old iostat: "Device:" header, avgqu-sz and await, and decimal commas in one report', () => {
    const reports = ok(parseIostat(fixture('iostat-xz-old.txt')));
    assert.equal(reports.length, 2);
    const sda = reports[1]?.devices[0];
    assert.deepEqual([sda?.device, sda?.queueSize, sda?.awaitMs, sda?.utilPct, sda?.readAwaitMs], ['sda', 3.95, 16.46, 98.4, 12.1]);
  });

  test('sar -n DEV with and without %ifutil', () => {
    const d = ok(parseSarDev(fixture('sar-dev-sysstat12.txt')));
    assert.equal(d.samples.length, 4);
    assert.deepEqual(d.average[1], {
      iface: 'eth0',
      rxPacketsPerSec: 80673,
      txPacketsPerSec: 40050,
      rxKbPerSec: 116660.34,
      txKbPerSec: 2645.77,
      ifutilPct: 95.57,
    });
    const old = parseSarDev(fixture('sar-dev-old-12h.txt'));
    assert.ok(old.ok && old.value.samples[1]?.ifutilPct === undefined && old.value.samples[1]?.time === '07:22:42 PM');
  });

  test('sar -n TCP,ETCP: two interleaved blocks kept apart', () => {
    const t = ok(parseSarTcp(fixture('sar-tcp-etcp.txt')));
    assert.deepEqual(
      t.tcp.map((r) => r.segmentsOutPerSec),
      [29876, 29101, 29488.5],
    );
    assert.deepEqual(
      t.etcp.map((r) => r.retransPerSec),
      [896, 902, 899],
    );
    assert.equal(t.etcp[2]?.summary, true);
  });

  test('each tool parser says "not this format" for another tool\'s output', () => {
    const vm = fixture('vmstat-1.txt');
    for (const r of [
      parseMpstat(vm),
      parsePidstat(vm),
      parseIostat(vm),
      parseSarDev(vm),
      parseSarTcp(vm),
      parseUptime('hello'),
      parseTop('x'),
    ])
      assert.equal(r.ok, false);
    assert.equal(parseVmstatTool(fixture('mpstat-sysstat12.txt')).ok, false);
  });
});
