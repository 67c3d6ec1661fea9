/**
 * `vmstat 1` (procps-ng, vmstat(8)). Columns: r b | swpd free buff cache | si so | bi bo |
 * in cs | us sy id wa st [gu]. Memory in KiB, si/so/bi/bo per second, CPU columns in %.
 * `gu` (guest time) appeared in procps-ng 4.0.3; `st` in 3.2.7. The first row is the average
 * since boot, not the last second; `sinceBoot` marks it so a summary can skip it.
 */
import { cellNumber, parseColumnBlocks } from './columnBlocks';
import { parsedFail, parsedOk, type Parsed } from './parsed';

export interface VmstatSample {
  sinceBoot: boolean;
  runnable?: number;
  blocked?: number;
  swpdKb?: number;
  freeKb?: number;
  swapInPerSec?: number;
  swapOutPerSec?: number;
  blocksInPerSec?: number;
  blocksOutPerSec?: number;
  interruptsPerSec?: number;
  contextSwitchesPerSec?: number;
  userPct?: number;
  systemPct?: number;
  idlePct?: number;
  iowaitPct?: number;
  stealPct?: number;
}

export function parseVmstatTool(text: string): Parsed<VmstatSample[]> {
  const block = parseColumnBlocks(text).find((b) => b.columns.includes('r') && b.columns.includes('id'));
  if (!block) return parsedFail('no vmstat header with r … id columns');
  const samples = block.rows.map((row, i) => ({
    sinceBoot: i === 0,
    runnable: cellNumber(row, 'r'),
    blocked: cellNumber(row, 'b'),
    swpdKb: cellNumber(row, 'swpd'),
    freeKb: cellNumber(row, 'free'),
    swapInPerSec: cellNumber(row, 'si'),
    swapOutPerSec: cellNumber(row, 'so'),
    blocksInPerSec: cellNumber(row, 'bi'),
    blocksOutPerSec: cellNumber(row, 'bo'),
    interruptsPerSec: cellNumber(row, 'in'),
    contextSwitchesPerSec: cellNumber(row, 'cs'),
    userPct: cellNumber(row, 'us'),
    systemPct: cellNumber(row, 'sy'),
    idlePct: cellNumber(row, 'id'),
    iowaitPct: cellNumber(row, 'wa'),
    stealPct: cellNumber(row, 'st'),
  }));
  return parsedOk(samples, block.columns.includes('st') ? [] : ['no st (steal) column']);
}
