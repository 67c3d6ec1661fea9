/**
 * What stands out in the checklist's parsed outputs, each finding with its evidence. The
 * rules are the classic rules of thumb, stated so a learner can argue with them:
 * - load average or vmstat's r above the CPU count: CPU saturation (demand exceeds CPUs);
 * - any swap-in/out in vmstat (si/so) after the since-boot line: memory saturation;
 * - iowait above 20%, steal above 10% (a noisy neighbour or an undersized VM);
 * - one CPU above 90% busy while the average is below 60%: a single-threaded hot spot;
 * - pidstat %wait above 10%: that process is waiting for a CPU;
 * - a disk at ≥ 90% %util or with a queue above 4 (after the since-boot report);
 * - available memory under 10% of total;
 * - %ifutil ≥ 90%, and TCP retransmits above 1% of segments sent;
 * - kernel log lines about OOM, I/O errors, network drops, hung tasks, crashes;
 * - zombie tasks in top.
 */
import { type Dmesg } from '../parsers/dmesg';
import { type Free } from '../parsers/free';
import { type IostatReport } from '../parsers/iostat';
import { type Mpstat } from '../parsers/mpstat';
import { type Pidstat } from '../parsers/pidstat';
import { type SarDev, type SarTcp } from '../parsers/sarNetwork';
import { type Top } from '../parsers/top';
import { type Uptime } from '../parsers/uptime';
import { type VmstatSample } from '../parsers/vmstatTool';

export interface Finding {
  severity: 'warn' | 'bad';
  resource: 'cpu' | 'memory' | 'disk' | 'network' | 'kernel' | 'process';
  title: string;
  evidence: string;
  source: string;
}

export interface ParsedOutputs {
  uptime?: Uptime;
  dmesg?: Dmesg;
  vmstat?: VmstatSample[];
  mpstat?: Mpstat;
  pidstat?: Pidstat;
  iostat?: IostatReport[];
  free?: Free;
  sarDev?: SarDev;
  sarTcp?: SarTcp;
  top?: Top;
}

export function findStandouts(o: ParsedOutputs, cpuCount: number): Finding[] {
  const out: Finding[] = [];
  const add = (f: Finding): void => void out.push(f);
  if (o.uptime && o.uptime.load1 > cpuCount) {
    add({
      severity: 'warn',
      resource: 'cpu',
      title: 'load average above CPU count',
      evidence: `1-min load ${o.uptime.load1} on ${cpuCount} CPUs (5-min ${o.uptime.load5}, 15-min ${o.uptime.load15})`,
      source: 'uptime',
    });
  }
  for (const l of o.dmesg?.lines ?? []) {
    if (l.concern) add({ severity: 'bad', resource: 'kernel', title: `kernel log: ${l.concern}`, evidence: l.message, source: 'dmesg' });
  }
  const live = (o.vmstat ?? []).filter((s) => !s.sinceBoot);
  const maxR = Math.max(...live.map((s) => s.runnable ?? 0));
  if (live.length && maxR > cpuCount)
    add({
      severity: 'bad',
      resource: 'cpu',
      title: 'run queue above CPU count',
      evidence: `vmstat r up to ${maxR} on ${cpuCount} CPUs`,
      source: 'vmstat',
    });
  const swapping = live.filter((s) => (s.swapInPerSec ?? 0) + (s.swapOutPerSec ?? 0) > 0);
  if (swapping.length) {
    add({
      severity: 'bad',
      resource: 'memory',
      title: 'swapping',
      evidence: `si/so ${swapping.map((s) => `${s.swapInPerSec}/${s.swapOutPerSec}`).join(', ')} per second`,
      source: 'vmstat',
    });
  }
  const maxWa = Math.max(...live.map((s) => s.iowaitPct ?? 0));
  if (maxWa > 20)
    add({ severity: 'warn', resource: 'disk', title: 'high I/O wait', evidence: `vmstat wa up to ${maxWa}%`, source: 'vmstat' });
  const maxSt = Math.max(...live.map((s) => s.stealPct ?? 0));
  if (maxSt > 10)
    add({ severity: 'warn', resource: 'cpu', title: 'CPU steal (hypervisor)', evidence: `vmstat st up to ${maxSt}%`, source: 'vmstat' });
  const avg = o.mpstat?.average ?? [];
  const all = avg.find((r) => r.cpu === 'all');
  if (all?.idlePct !== undefined && 100 - all.idlePct < 60) {
    const hot = avg.filter((r) => r.cpu !== 'all' && r.idlePct !== undefined && 100 - r.idlePct > 90);
    if (hot.length) {
      add({
        severity: 'warn',
        resource: 'cpu',
        title: 'hot CPU while others idle',
        evidence: `CPU ${hot.map((r) => `${r.cpu} ${(100 - (r.idlePct ?? 0)).toFixed(0)}% busy`).join(', ')}; all CPUs ${(100 - all.idlePct).toFixed(0)}% busy`,
        source: 'mpstat',
      });
    }
  }
  for (const p of o.pidstat?.average ?? []) {
    if ((p.waitPct ?? 0) > 10)
      add({
        severity: 'warn',
        resource: 'process',
        title: `${p.command} waits for CPU`,
        evidence: `PID ${p.pid} %wait ${p.waitPct}% (%CPU ${p.cpuPct})`,
        source: 'pidstat',
      });
  }
  for (const rep of (o.iostat ?? []).filter((r) => !r.sinceBoot)) {
    for (const d of rep.devices) {
      if ((d.utilPct ?? 0) >= 90 || (d.queueSize ?? 0) > 4) {
        add({
          severity: 'bad',
          resource: 'disk',
          title: `disk ${d.device} saturated`,
          evidence: `%util ${d.utilPct}, aqu-sz ${d.queueSize}, await ${d.readAwaitMs ?? d.awaitMs}/${d.writeAwaitMs ?? d.awaitMs} ms r/w`,
          source: 'iostat',
        });
      }
    }
  }
  const m = o.free?.mem;
  if (m?.availableMb !== undefined && m.availableMb < m.totalMb * 0.1) {
    add({
      severity: 'bad',
      resource: 'memory',
      title: 'low available memory',
      evidence: `${m.availableMb} MiB available of ${m.totalMb} MiB`,
      source: 'free -m',
    });
  }
  for (const r of o.sarDev?.average ?? []) {
    if ((r.ifutilPct ?? 0) >= 90)
      add({
        severity: 'bad',
        resource: 'network',
        title: `interface ${r.iface} near capacity`,
        evidence: `%ifutil ${r.ifutilPct}, rx ${r.rxKbPerSec} kB/s, tx ${r.txKbPerSec} kB/s`,
        source: 'sar -n DEV',
      });
  }
  const tcpAvg = o.sarTcp?.tcp.find((r) => r.summary);
  const etcpAvg = o.sarTcp?.etcp.find((r) => r.summary);
  if (tcpAvg?.segmentsOutPerSec && etcpAvg?.retransPerSec !== undefined && etcpAvg.retransPerSec / tcpAvg.segmentsOutPerSec > 0.01) {
    const pctRetrans = ((100 * etcpAvg.retransPerSec) / tcpAvg.segmentsOutPerSec).toFixed(1);
    add({
      severity: 'warn',
      resource: 'network',
      title: 'TCP retransmits',
      evidence: `${etcpAvg.retransPerSec} retrans/s of ${tcpAvg.segmentsOutPerSec} segments/s out (${pctRetrans}%)`,
      source: 'sar -n TCP,ETCP',
    });
  }
  if ((o.top?.tasks.zombie ?? 0) > 0)
    add({ severity: 'warn', resource: 'process', title: 'zombie processes', evidence: `${o.top?.tasks.zombie} zombies`, source: 'top' });
  return out;
}
