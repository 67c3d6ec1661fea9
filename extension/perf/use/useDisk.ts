/**
 * Each disk under the USE method, from two /proc/diskstats readings Δt apart:
 * - utilization: Δ(ms doing I/O) / Δt, the fraction of time the device had I/O in flight
 *   (iostat's %util). For devices that serve requests in parallel (SSDs, NVMe, RAID) 100%
 *   does not mean saturated, which is why saturation is measured separately.
 *   60% warn, 90% bad.
 * - saturation: average queue length Δ(weighted ms doing I/O) / Δt (iostat's aqu-sz);
 *   > 1 warn, > 4 bad, with await Δ(read ms + write ms) / Δ(IOs) and PSI io as evidence.
 * - errors: /proc/diskstats has no error counters; I/O errors appear in dmesg and SMART.
 * Partitions, loop and ram devices are skipped (the whole disk already counts partitions), and
 * so are devices with no I/O since boot.
 */
import { SECTOR_BYTES, type DiskStats } from '../parsers/procDiskstats';
import { notAvailable, stateAbove, stateFor, type Metric } from './metric';
import { counterDelta, pct, type ResourceUse } from './resource';

const PARTITION = /^((sd|vd|xvd|hd)[a-z]+\d+|nvme\d+n\d+p\d+|mmcblk\d+p\d+)$/;
const VIRTUAL = /^(loop|ram)\d+$/;

export function isWholeUsedDisk(d: DiskStats): boolean {
  return !PARTITION.test(d.name) && !VIRTUAL.test(d.name) && d.readsCompleted + d.writesCompleted > 0;
}

export function useDisk(prev: DiskStats, cur: DiskStats, elapsedSec: number): ResourceUse {
  const name = cur.name;
  const d = (k: keyof DiskStats): number | undefined => counterDelta(prev[k] as number | undefined, cur[k] as number | undefined);
  const ioMs = d('ioMs');
  const weighted = d('weightedIoMs');
  const reads = d('readsCompleted');
  const writes = d('writesCompleted');
  const rMs = d('readMs');
  const wMs = d('writeMs');
  const sectors = (d('sectorsRead') ?? 0) + (d('sectorsWritten') ?? 0);
  const details: Record<string, number> = {};
  if (reads === undefined || writes === undefined || ioMs === undefined || weighted === undefined || !(elapsedSec > 0)) {
    const na = notAvailable('diskstats counters reset between samples');
    return {
      kind: 'disk',
      name,
      utilization: na,
      saturation: na,
      errors: notAvailable('disk errors are in dmesg and SMART, not /proc'),
      details,
    };
  }
  const iops = (reads + writes) / elapsedSec;
  const bytesPerSec = (sectors * SECTOR_BYTES) / elapsedSec;
  const awaitMs = reads + writes > 0 && rMs !== undefined && wMs !== undefined ? (rMs + wMs) / (reads + writes) : 0;
  const util = Math.min(1, ioMs / (elapsedSec * 1000));
  const queue = weighted / (elapsedSec * 1000);
  Object.assign(details, {
    'reads/s': reads / elapsedSec,
    'writes/s': writes / elapsedSec,
    'bytes/s': bytesPerSec,
    'await ms': awaitMs,
    'queue length': queue,
  });
  const utilization: Metric = {
    value: util,
    unit: 'fraction',
    state: stateFor(util, 0.6, 0.9),
    evidence: `busy ${pct(util)} of the time; ${iops.toFixed(1)} IOPS, ${(bytesPerSec / 1048576).toFixed(2)} MiB/s`,
  };
  const saturation: Metric = {
    value: queue,
    unit: 'queue length',
    state: stateAbove(queue, 1, 4),
    evidence: `average queue ${queue.toFixed(2)}, await ${awaitMs.toFixed(2)} ms`,
  };
  return { kind: 'disk', name, utilization, saturation, errors: notAvailable('disk errors are in dmesg and SMART, not /proc'), details };
}
