/**
 * The USE method as one pure function: two snapshots Δt apart → a row per resource (CPUs,
 * memory, each used disk, each non-loopback interface, the Node event loop) with
 * utilization, saturation and errors. Resources whose source is missing still get a row, with
 * every cell "not available here", so the table always has the same shape on every platform.
 */
import { notAvailable } from './metric';
import { type ResourceUse } from './resource';
import { type SystemSnapshot } from './snapshot';
import { useCpu } from './useCpu';
import { isWholeUsedDisk, useDisk } from './useDisk';
import { useEventLoop } from './useEventLoop';
import { useMemory } from './useMemory';
import { useNetwork } from './useNetwork';

export interface UseReport {
  elapsedSec: number;
  resources: ResourceUse[];
}

export function computeUse(prev: SystemSnapshot, cur: SystemSnapshot, elapsedSec: number): UseReport {
  const resources: ResourceUse[] = [useCpu(prev, cur), useMemory(prev, cur, elapsedSec)];
  if (cur.disks) {
    for (const disk of cur.disks.filter(isWholeUsedDisk)) {
      const before = prev.disks?.find((x) => x.name === disk.name);
      if (before) resources.push(useDisk(before, disk, elapsedSec));
    }
  } else {
    const na = notAvailable('no /proc/diskstats');
    resources.push({ kind: 'disk', name: 'disks', utilization: na, saturation: na, errors: na, details: {} });
  }
  if (cur.net) {
    for (const nic of cur.net.filter((n) => n.name !== 'lo')) {
      const before = prev.net?.find((x) => x.name === nic.name);
      if (before) resources.push(useNetwork(before, nic, elapsedSec, cur.linkSpeedMbps[nic.name]));
    }
  } else {
    const na = notAvailable('no /proc/net/dev');
    resources.push({ kind: 'network', name: 'network', utilization: na, saturation: na, errors: na, details: {} });
  }
  resources.push(useEventLoop(cur.nodeLoop, elapsedSec));
  return { elapsedSec, resources };
}
