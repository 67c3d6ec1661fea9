/**
 * `iostat -xz 1` (sysstat, iostat(1)). Each report is an avg-cpu block and a device block;
 * the first report covers the time since boot. Device columns differ by version:
 * - sysstat ≥ 12: Device r/s rkB/s rrqm/s %rrqm r_await rareq-sz w/s wkB/s … aqu-sz %util
 *   (11.5–12.0 had Device: r/s w/s rkB/s wkB/s rrqm/s wrqm/s %rrqm %wrqm r_await w_await
 *   aqu-sz rareq-sz wareq-sz svctm %util);
 * - sysstat ≤ 11.4: Device: rrqm/s wrqm/s r/s w/s rkB/s wkB/s avgrq-sz avgqu-sz await
 *   r_await w_await svctm %util (avgrq-sz in 512-byte sectors).
 * We map both onto one shape; a column a version lacks is undefined. svctm is deliberately
 * not exposed: sysstat itself documents it as untrustworthy and removed it.
 */
import { cellNumber, findBlock, parseColumnBlocks, type ColumnRow } from './columnBlocks';
import { parsedFail, parsedOk, type Parsed } from './parsed';

export interface IostatDevice {
  device: string;
  readsPerSec?: number;
  writesPerSec?: number;
  readKbPerSec?: number;
  writeKbPerSec?: number;
  readAwaitMs?: number;
  writeAwaitMs?: number;
  /** Old versions' combined await. */
  awaitMs?: number;
  /** Average queue length (aqu-sz, formerly avgqu-sz). */
  queueSize?: number;
  utilPct?: number;
}

export interface IostatCpu {
  userPct?: number;
  systemPct?: number;
  iowaitPct?: number;
  stealPct?: number;
  idlePct?: number;
}

export interface IostatReport {
  sinceBoot: boolean;
  cpu?: IostatCpu;
  devices: IostatDevice[];
}

function device(r: ColumnRow): IostatDevice {
  return {
    device: r.cells['Device'] ?? r.cells['Device:'] ?? '?',
    readsPerSec: cellNumber(r, 'r/s'),
    writesPerSec: cellNumber(r, 'w/s'),
    readKbPerSec: cellNumber(r, 'rkB/s'),
    writeKbPerSec: cellNumber(r, 'wkB/s'),
    readAwaitMs: cellNumber(r, 'r_await'),
    writeAwaitMs: cellNumber(r, 'w_await'),
    awaitMs: cellNumber(r, 'await'),
    queueSize: cellNumber(r, 'aqu-sz', 'avgqu-sz'),
    utilPct: cellNumber(r, '%util'),
  };
}

export function parseIostat(text: string): Parsed<IostatReport[]> {
  // Reports have no time column, so split on each avg-cpu header to keep them apart.
  const chunks = text.split(/^(?=\s*avg-cpu:)/m).filter((c) => /avg-cpu:|Device/.test(c));
  const reports: IostatReport[] = [];
  for (const chunk of chunks) {
    const blocks = parseColumnBlocks(chunk);
    const cpuRow = findBlock(blocks, ['%idle'], ['%iowait'])?.rows[0];
    const devBlock = findBlock(blocks, ['Device'], ['%util']);
    if (!cpuRow && !devBlock) continue;
    const report: IostatReport = { sinceBoot: reports.length === 0, devices: (devBlock?.rows ?? []).map(device) };
    if (cpuRow) {
      report.cpu = {
        userPct: cellNumber(cpuRow, '%user'),
        systemPct: cellNumber(cpuRow, '%system'),
        iowaitPct: cellNumber(cpuRow, '%iowait'),
        stealPct: cellNumber(cpuRow, '%steal'),
        idlePct: cellNumber(cpuRow, '%idle'),
      };
    }
    reports.push(report);
  }
  if (reports.length === 0) return parsedFail('no avg-cpu or Device … %util block');
  return parsedOk(reports);
}
