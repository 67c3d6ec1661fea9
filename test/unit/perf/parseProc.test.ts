/**
 * /proc parsers against files captured on the build machine (Linux 6.x, 2 CPUs, virtio disk)
 * and against hand-made variants for older kernels and malformed input.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { parseDiskstats } from '../../../extension/perf/parsers/procDiskstats';
import { parseLoadAvg } from '../../../extension/perf/parsers/procLoadavg';
import { parseMeminfo } from '../../../extension/perf/parsers/procMeminfo';
import { parseNetDev } from '../../../extension/perf/parsers/procNetDev';
import { parsePressure } from '../../../extension/perf/parsers/procPressure';
import { parseProcStat } from '../../../extension/perf/parsers/procStat';
import { parseProcVmstat } from '../../../extension/perf/parsers/procVmstat';
import { fixture, ok } from './fixtures';

describe('/proc parsers on captured files', () => {
  test('/proc/stat: aggregate and two per-CPU lines with all ten columns', () => {
    const s = ok(parseProcStat(fixture('proc-stat.txt')));
    assert.equal(s.cpus.length, 2);
    assert.deepEqual(s.total, {
      name: 'cpu',
      user: 35630,
      nice: 0,
      system: 12506,
      idle: 91956,
      iowait: 499,
      irq: 0,
      softirq: 389,
      steal: 0,
      guest: 0,
      guestNice: 0,
    });
    assert.equal(s.cpus[1]?.user, 21724);
    assert.equal(s.contextSwitches, 1267053);
    assert.ok(s.procsRunning !== undefined && s.procsBlocked !== undefined);
  });

  test('/proc/stat from a 2.4-era kernel has only four columns; the rest are not available', () => {
    const r = parseProcStat('cpu  100 2 30 400\ncpu0 100 2 30 400\nctxt 5\n');
    assert.ok(r.ok);
    assert.equal(r.value.total.iowait, undefined);
    assert.match(r.notes.join(), /iowait/);
  });

  test('/proc/loadavg, PSI cpu (no full values of note), meminfo, vmstat', () => {
    assert.deepEqual(ok(parseLoadAvg(fixture('proc-loadavg.txt'))), { load1: 2.66, load5: 1.1, load15: 0.56, running: 1, total: 91 });
    const cpu = ok(parsePressure(fixture('proc-pressure-cpu.txt')));
    assert.deepEqual(cpu.some, { avg10: 35.4, avg60: 15.81, avg300: 6.43, totalUs: 50259333 });
    const mem = ok(parseMeminfo(fixture('proc-meminfo.txt')));
    assert.ok(mem.memAvailableKb !== undefined && mem.memAvailableKb <= mem.memTotalKb);
    assert.equal(mem.swapTotalKb, 0);
    const vm = ok(parseProcVmstat(fixture('proc-vmstat.txt')));
    assert.equal(typeof vm.pgmajfault, 'number');
    assert.equal(typeof vm.pswpout, 'number');
  });

  test('/proc/diskstats: 20-field lines keep discard and flush counters', () => {
    const disks = ok(parseDiskstats(fixture('proc-diskstats.txt')));
    const vda = disks.find((d) => d.name === 'vda');
    assert.deepEqual(vda, {
      major: 254,
      minor: 0,
      name: 'vda',
      readsCompleted: 48317,
      readsMerged: 9258,
      sectorsRead: 2512282,
      readMs: 27027,
      writesCompleted: 10910,
      writesMerged: 51150,
      sectorsWritten: 3405480,
      writeMs: 17686,
      inProgress: 0,
      ioMs: 11860,
      weightedIoMs: 46239,
      discardsCompleted: 4938,
      discardMs: 1008,
      flushesCompleted: 1055,
      flushMs: 516,
    });
  });

  test('/proc/diskstats from a 4.x kernel (14 fields) has no discard counters', () => {
    const d = ok(parseDiskstats('   8       0 sda 1 2 3 4 5 6 7 8 0 10 11\n'))[0];
    assert.equal(d?.discardsCompleted, undefined);
    assert.equal(d?.weightedIoMs, 11);
  });

  test('/proc/net/dev: eth0 counters, and a name glued to its first counter', () => {
    const ifs = ok(parseNetDev(fixture('proc-net-dev.txt')));
    const eth0 = ifs.find((i) => i.name === 'eth0');
    assert.equal(eth0?.rxBytes, 425159652);
    assert.equal(eth0?.txPackets, 12751);
    assert.equal(eth0?.rxErrors, 0);
    const glued = ok(parseNetDev('  eth1:4294967295 10 1 2 0 0 0 0 500 5 3 4 0 0 0 0\n'))[0];
    assert.equal(glued?.rxBytes, 4294967295);
    assert.equal(glued?.txErrors, 3);
  });

  test('PSI memory and io carry a full line; a cpu file from Linux < 5.13 has none', () => {
    assert.ok(ok(parsePressure(fixture('proc-pressure-io.txt'))).full);
    const old = parsePressure('some avg10=1.00 avg60=0.50 avg300=0.10 total=12345\n');
    assert.ok(old.ok && old.value.full === undefined);
  });

  test('garbage is reported as not this format instead of throwing', () => {
    for (const r of [
      parseProcStat('hello'),
      parseLoadAvg(''),
      parsePressure('x'),
      parseMeminfo('a b'),
      parseDiskstats('1 2'),
      parseNetDev('no'),
    ]) {
      assert.equal(r.ok, false);
    }
  });
});
