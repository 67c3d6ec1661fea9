/**
 * Everything the USE model reads at one instant, already parsed. A source that could not be
 * read (another OS, an old kernel, no permission) is simply absent, and every metric built
 * on it becomes "not available here".
 */
import { type DiskStats } from '../parsers/procDiskstats';
import { type LoadAvg } from '../parsers/procLoadavg';
import { type MemInfo } from '../parsers/procMeminfo';
import { type NetDevStats } from '../parsers/procNetDev';
import { type Pressure } from '../parsers/procPressure';
import { type ProcStat } from '../parsers/procStat';
import { type VmStat } from '../parsers/procVmstat';

export interface NodeLoopSample {
  /** Event-loop utilization over the interval, 0..1 (performance.eventLoopUtilization). */
  utilization: number;
  /** 99th percentile of event-loop delay over the interval, ms (monitorEventLoopDelay). */
  delayP99Ms: number;
  delayMeanMs: number;
  /** Total GC pause time over the interval, ms, and the number of collections. */
  gcPauseMs: number;
  gcCount: number;
}

export interface SystemSnapshot {
  /** Logical CPUs (os.availableParallelism or /proc/stat's cpuN count). */
  cpuCount: number;
  stat?: ProcStat;
  loadavg?: LoadAvg;
  pressure: { cpu?: Pressure; memory?: Pressure; io?: Pressure };
  meminfo?: MemInfo;
  vmstat?: VmStat;
  disks?: DiskStats[];
  net?: NetDevStats[];
  /** Link speed in Mb/s by interface, from /sys/class/net/<if>/speed (absent or −1 for virtual NICs). */
  linkSpeedMbps: Record<string, number>;
  /** Node's own event loop, measured over the interval that ends at this snapshot. */
  nodeLoop?: NodeLoopSample;
}
