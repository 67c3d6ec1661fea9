/**
 * Reads one SystemSnapshot through an injected reader, so the same code runs on the real
 * /proc (collect/fsReader.ts) and on a fake one in tests. Paths read:
 *   /proc/stat /proc/loadavg /proc/pressure/{cpu,memory,io} /proc/meminfo /proc/vmstat
 *   /proc/diskstats /proc/net/dev /sys/class/net/<if>/speed
 * A file that is missing or unreadable leaves its part of the snapshot absent.
 */
import { parseDiskstats } from '../parsers/procDiskstats';
import { parseLoadAvg } from '../parsers/procLoadavg';
import { parseMeminfo } from '../parsers/procMeminfo';
import { parseNetDev } from '../parsers/procNetDev';
import { parsePressure } from '../parsers/procPressure';
import { parseProcStat } from '../parsers/procStat';
import { parseProcVmstat } from '../parsers/procVmstat';
import { parseNumber } from '../parsers/number';
import { type Parsed } from '../parsers/parsed';
import { type SystemSnapshot } from './snapshot';

export interface TextReader {
  /** The file's text, or undefined if it does not exist or cannot be read. */
  readText(path: string): Promise<string | undefined>;
}

async function read<T>(
  reader: TextReader,
  path: string,
  parse: (t: string) => Parsed<T>,
  keep?: readonly string[],
): Promise<T | undefined> {
  const text = await reader.readText(path);
  if (text === undefined) return undefined;
  const r = parse(keep ? keepLines(text, keep) : text);
  return r.ok ? r.value : undefined;
}

/**
 * The lines of `text` that start with one of `prefixes`. The sampler's own CPU is mostly
 * parsing (bench/perf/useOverhead.bench.ts): /proc/stat's `intr` line alone holds hundreds to
 * thousands of counters and /proc/vmstat ~190 lines, of which the USE model needs a handful.
 * Dropping the rest before the general parsers split them costs one indexOf per line.
 */
export function keepLines(text: string, prefixes: readonly string[]): string {
  let out = '';
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    for (const p of prefixes) {
      if (text.startsWith(p, start)) {
        out += text.slice(start, end + 1);
        break;
      }
    }
    start = end + 1;
  }
  return out;
}

/** /proc/stat lines parseProcStat reads (per-CPU times, context switches, run queue, boot time). */
const STAT_LINES = ['cpu', 'ctxt ', 'procs_', 'btime '];
/** /proc/vmstat counters the USE model reads (swapping, major faults, OOM kills). */
const VMSTAT_LINES = ['pswpin ', 'pswpout ', 'pgmajfault ', 'oom_kill '];

export async function readSnapshot(reader: TextReader, fallbackCpuCount: number): Promise<SystemSnapshot> {
  const [stat, loadavg, cpu, memory, io, meminfo, vmstat, disks, net] = await Promise.all([
    read(reader, '/proc/stat', parseProcStat, STAT_LINES),
    read(reader, '/proc/loadavg', parseLoadAvg),
    read(reader, '/proc/pressure/cpu', parsePressure),
    read(reader, '/proc/pressure/memory', parsePressure),
    read(reader, '/proc/pressure/io', parsePressure),
    read(reader, '/proc/meminfo', parseMeminfo),
    read(reader, '/proc/vmstat', parseProcVmstat, VMSTAT_LINES),
    read(reader, '/proc/diskstats', parseDiskstats),
    read(reader, '/proc/net/dev', parseNetDev),
  ]);
  const linkSpeedMbps: Record<string, number> = {};
  await Promise.all(
    (net ?? []).map(async (n) => {
      // Reading speed of a down or virtual link fails with EINVAL or gives −1: leave it out.
      const v = parseNumber(await reader.readText(`/sys/class/net/${n.name}/speed`));
      if (v !== undefined && v > 0) linkSpeedMbps[n.name] = v;
    }),
  );
  const snap: SystemSnapshot = {
    cpuCount: stat && stat.cpus.length > 0 ? stat.cpus.length : fallbackCpuCount,
    pressure: {},
    linkSpeedMbps,
  };
  if (stat) snap.stat = stat;
  if (loadavg) snap.loadavg = loadavg;
  if (cpu) snap.pressure.cpu = cpu;
  if (memory) snap.pressure.memory = memory;
  if (io) snap.pressure.io = io;
  if (meminfo) snap.meminfo = meminfo;
  if (vmstat) snap.vmstat = vmstat;
  if (disks) snap.disks = disks;
  if (net) snap.net = net;
  return snap;
}
