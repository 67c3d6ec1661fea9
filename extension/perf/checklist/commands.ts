/**
 * The "first 60 seconds" checklist (Gregg, *Systems Performance*, and Netflix's "Linux
 * Performance Analysis in 60,000 Milliseconds"): the commands, bounded versions of them (the
 * classic `vmstat 1` runs forever; we take a few one-second intervals), the parser for each,
 * and the package that provides the tool on Debian/Ubuntu and Homebrew.
 */
export type ChecklistId = 'uptime' | 'dmesg' | 'vmstat' | 'mpstat' | 'pidstat' | 'iostat' | 'free' | 'sar-dev' | 'sar-tcp' | 'top';

export interface ChecklistCommand {
  id: ChecklistId;
  /** How the checklist names it ("vmstat 1"). */
  label: string;
  argv: string[];
  debianPackage: string;
  /** Homebrew formula when there is one; macOS ships uptime, vm_stat, iostat and top itself. */
  homebrewPackage?: string;
  /** Why it is on the list, shown next to the output. */
  purpose: string;
}

export const CHECKLIST: readonly ChecklistCommand[] = [
  { id: 'uptime', label: 'uptime', argv: ['uptime'], debianPackage: 'procps', purpose: 'load averages: is demand rising or falling?' },
  {
    id: 'dmesg',
    label: 'dmesg | tail',
    argv: ['dmesg'],
    debianPackage: 'util-linux',
    homebrewPackage: 'util-linux',
    purpose: 'recent kernel errors: OOM kills, I/O errors, dropped packets',
  },
  {
    id: 'vmstat',
    label: 'vmstat 1',
    argv: ['vmstat', '1', '4'],
    debianPackage: 'procps',
    purpose: 'run queue, swapping, CPU split at a glance',
  },
  {
    id: 'mpstat',
    label: 'mpstat -P ALL 1',
    argv: ['mpstat', '-P', 'ALL', '1', '3'],
    debianPackage: 'sysstat',
    purpose: 'per-CPU balance: one hot CPU means a single-threaded bottleneck',
  },
  {
    id: 'pidstat',
    label: 'pidstat 1',
    argv: ['pidstat', '1', '3'],
    debianPackage: 'sysstat',
    purpose: 'which processes use the CPU, and which wait for it',
  },
  {
    id: 'iostat',
    label: 'iostat -xz 1',
    argv: ['iostat', '-xz', '1', '3'],
    debianPackage: 'sysstat',
    purpose: 'disk IOPS, throughput, await, queue and utilization',
  },
  { id: 'free', label: 'free -m', argv: ['free', '-m'], debianPackage: 'procps', purpose: 'available memory and swap' },
  {
    id: 'sar-dev',
    label: 'sar -n DEV 1',
    argv: ['sar', '-n', 'DEV', '1', '3'],
    debianPackage: 'sysstat',
    homebrewPackage: undefined,
    purpose: 'network throughput against link capacity',
  },
  {
    id: 'sar-tcp',
    label: 'sar -n TCP,ETCP 1',
    argv: ['sar', '-n', 'TCP,ETCP', '1', '3'],
    debianPackage: 'sysstat',
    purpose: 'TCP connection rates and retransmits',
  },
  {
    id: 'top',
    label: 'top',
    argv: ['top', '-b', '-n', '1'],
    debianPackage: 'procps',
    purpose: 'a final overview; check that nothing above was missed',
  },
];

/** Where an executable name resolves on a PATH-like list, given an injected existence check. */
export async function findOnPath(
  name: string,
  pathList: string,
  isExecutable: (file: string) => Promise<boolean>,
  separator = ':',
): Promise<string | undefined> {
  for (const dir of pathList.split(separator).filter(Boolean)) {
    const file = `${dir.replace(/\/+$/, '')}/${name}`;
    if (await isExecutable(file)) return file;
  }
  return undefined;
}
