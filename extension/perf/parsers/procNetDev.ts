/**
 * /proc/net/dev: two header lines, then per interface
 *   name: rxBytes rxPackets rxErrs rxDrop rxFifo rxFrame rxCompressed rxMulticast
 *         txBytes txPackets txErrs txDrop txFifo txColls txCarrier txCompressed
 * Old kernels glued a long counter to the name ("eth0:123456"), so we split on the colon
 * rather than on whitespace. Counters are cumulative and may wrap on 32-bit kernels.
 */
import { parseNumber, splitFields } from './number';
import { parsedFail, parsedOk, type Parsed } from './parsed';

export interface NetDevStats {
  name: string;
  rxBytes: number;
  rxPackets: number;
  rxErrors: number;
  rxDropped: number;
  rxFifo: number;
  rxFrame: number;
  txBytes: number;
  txPackets: number;
  txErrors: number;
  txDropped: number;
  txFifo: number;
  txCollisions: number;
  txCarrier: number;
}

export function parseNetDev(text: string): Parsed<NetDevStats[]> {
  const out: NetDevStats[] = [];
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.includes('|')) continue;
    const name = line.slice(0, colon).trim();
    const n = splitFields(line.slice(colon + 1)).map(parseNumber);
    if (!name || n.length < 16 || n.slice(0, 16).some((v) => v === undefined)) continue;
    const v = (i: number): number => n[i] as number;
    out.push({
      name,
      rxBytes: v(0),
      rxPackets: v(1),
      rxErrors: v(2),
      rxDropped: v(3),
      rxFifo: v(4),
      rxFrame: v(5),
      txBytes: v(8),
      txPackets: v(9),
      txErrors: v(10),
      txDropped: v(11),
      txFifo: v(12),
      txCollisions: v(13),
      txCarrier: v(14),
    });
  }
  if (out.length === 0) return parsedFail('no interface lines');
  return parsedOk(out);
}
