/**
 * `sar -n DEV 1` and `sar -n TCP,ETCP 1` (sysstat, sar(1)).
 * DEV: IFACE rxpck/s txpck/s rxkB/s txkB/s rxcmp/s txcmp/s rxmcst/s [%ifutil] (%ifutil
 * since sysstat 10.1.5; it needs the link speed, so virtual interfaces show 0.00).
 * TCP: active/s passive/s iseg/s oseg/s. ETCP: atmptf/s estres/s retrans/s isegerr/s orsts/s.
 * Retransmits over segments out is the usual TCP "errors" signal.
 */
import { cellNumber, findBlock, parseColumnBlocks, type ColumnRow } from './columnBlocks';
import { parsedFail, parsedOk, type Parsed } from './parsed';

export interface SarDevRow {
  time?: string;
  iface: string;
  rxPacketsPerSec?: number;
  txPacketsPerSec?: number;
  rxKbPerSec?: number;
  txKbPerSec?: number;
  ifutilPct?: number;
}

export interface SarDev {
  samples: SarDevRow[];
  average: SarDevRow[];
}

function devRow(r: ColumnRow): SarDevRow {
  const row: SarDevRow = {
    iface: r.cells['IFACE'] ?? '?',
    rxPacketsPerSec: cellNumber(r, 'rxpck/s'),
    txPacketsPerSec: cellNumber(r, 'txpck/s'),
    rxKbPerSec: cellNumber(r, 'rxkB/s', 'rxbyt/s'),
    txKbPerSec: cellNumber(r, 'txkB/s', 'txbyt/s'),
    ifutilPct: cellNumber(r, '%ifutil'),
  };
  if (r.time !== undefined) row.time = r.time;
  return row;
}

export function parseSarDev(text: string): Parsed<SarDev> {
  const block = findBlock(parseColumnBlocks(text), ['IFACE'], ['rxpck/s']);
  if (!block) return parsedFail('no sar DEV header with IFACE and rxpck/s');
  return parsedOk(
    { samples: block.rows.filter((r) => !r.summary).map(devRow), average: block.rows.filter((r) => r.summary).map(devRow) },
    block.columns.includes('%ifutil') ? [] : ['no %ifutil column'],
  );
}

export interface SarTcpRow {
  time?: string;
  summary: boolean;
  activeOpensPerSec?: number;
  passiveOpensPerSec?: number;
  segmentsInPerSec?: number;
  segmentsOutPerSec?: number;
  failedAttemptsPerSec?: number;
  resetsPerSec?: number;
  retransPerSec?: number;
  segmentErrorsInPerSec?: number;
}

export interface SarTcp {
  tcp: SarTcpRow[];
  etcp: SarTcpRow[];
}

function tcpRow(r: ColumnRow): SarTcpRow {
  const row: SarTcpRow = {
    summary: r.summary,
    activeOpensPerSec: cellNumber(r, 'active/s'),
    passiveOpensPerSec: cellNumber(r, 'passive/s'),
    segmentsInPerSec: cellNumber(r, 'iseg/s'),
    segmentsOutPerSec: cellNumber(r, 'oseg/s'),
    failedAttemptsPerSec: cellNumber(r, 'atmptf/s'),
    resetsPerSec: cellNumber(r, 'estres/s'),
    retransPerSec: cellNumber(r, 'retrans/s'),
    segmentErrorsInPerSec: cellNumber(r, 'isegerr/s'),
  };
  if (r.time !== undefined) row.time = r.time;
  return row;
}

export function parseSarTcp(text: string): Parsed<SarTcp> {
  const blocks = parseColumnBlocks(text);
  const tcp = findBlock(blocks, ['active/s'], ['oseg/s']);
  const etcp = findBlock(blocks, ['retrans/s']);
  if (!tcp && !etcp) return parsedFail('no TCP or ETCP block');
  const notes = [...(tcp ? [] : ['no TCP block']), ...(etcp ? [] : ['no ETCP block'])];
  return parsedOk({ tcp: (tcp?.rows ?? []).map(tcpRow), etcp: (etcp?.rows ?? []).map(tcpRow) }, notes);
}
