/**
 * /proc/diskstats (kernel Documentation/admin-guide/iostats.rst). One line per block device:
 *   major minor name
 *   reads merged sectorsRead msReading  writes merged sectorsWritten msWriting
 *   inProgress msDoingIo weightedMsDoingIo
 *   [discards merged sectorsDiscarded msDiscarding]   (Linux ≥ 4.18)
 *   [flushes msFlushing]                              (Linux ≥ 5.5)
 * Counters are cumulative; a sector is always 512 bytes here whatever the device's block size.
 * Partitions on kernels before 2.6.25 printed only 4 counters; such lines are skipped.
 */
import { parseNumber, splitFields } from './number';
import { parsedFail, parsedOk, type Parsed } from './parsed';

export interface DiskStats {
  major: number;
  minor: number;
  name: string;
  readsCompleted: number;
  readsMerged: number;
  sectorsRead: number;
  readMs: number;
  writesCompleted: number;
  writesMerged: number;
  sectorsWritten: number;
  writeMs: number;
  inProgress: number;
  ioMs: number;
  weightedIoMs: number;
  discardsCompleted?: number;
  discardMs?: number;
  flushesCompleted?: number;
  flushMs?: number;
}

export const SECTOR_BYTES = 512;

export function parseDiskstats(text: string): Parsed<DiskStats[]> {
  const disks: DiskStats[] = [];
  for (const line of text.split('\n')) {
    const f = splitFields(line);
    if (f.length < 14) continue;
    const n = f.map(parseNumber);
    const num = (i: number): number => n[i] as number;
    if (n.slice(3, 14).some((v) => v === undefined) || n[0] === undefined || n[1] === undefined) continue;
    const d: DiskStats = {
      major: num(0),
      minor: num(1),
      name: f[2] as string,
      readsCompleted: num(3),
      readsMerged: num(4),
      sectorsRead: num(5),
      readMs: num(6),
      writesCompleted: num(7),
      writesMerged: num(8),
      sectorsWritten: num(9),
      writeMs: num(10),
      inProgress: num(11),
      ioMs: num(12),
      weightedIoMs: num(13),
    };
    if (n[14] !== undefined && n[17] !== undefined) {
      d.discardsCompleted = n[14];
      d.discardMs = n[17];
    }
    if (n[18] !== undefined && n[19] !== undefined) {
      d.flushesCompleted = n[18];
      d.flushMs = n[19];
    }
    disks.push(d);
  }
  if (disks.length === 0) return parsedFail('no device lines with at least 14 fields');
  return parsedOk(disks);
}
