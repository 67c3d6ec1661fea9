/**
 * Each network interface under the USE method, from two /proc/net/dev readings:
 * - utilization: max(rx, tx) bits/s over the link speed (/sys/class/net/<if>/speed, Mb/s,
 *   full duplex assumed). Virtual interfaces report no speed, so it is "not available here".
 *   70% warn, 90% bad.
 * - saturation: drops and FIFO overruns per second, rx + tx (packets the stack or NIC had
 *   no room for); any is a warning, more than 100/s bad.
 * - errors: rx errors + frame errors + tx errors + collisions + carrier losses per second;
 *   any is a warning, more than 10/s bad.
 * The loopback interface is skipped: it has no link and its "errors" mean nothing.
 */
import { type NetDevStats } from '../parsers/procNetDev';
import { notAvailable, stateAbove, stateFor, type Metric } from './metric';
import { counterDelta, pct, type ResourceUse } from './resource';

export function useNetwork(prev: NetDevStats, cur: NetDevStats, elapsedSec: number, speedMbps: number | undefined): ResourceUse {
  const d = (k: keyof NetDevStats): number | undefined => counterDelta(prev[k] as number, cur[k] as number);
  const rx = d('rxBytes');
  const tx = d('txBytes');
  const sum = (...ks: Array<keyof NetDevStats>): number | undefined => {
    const vs = ks.map(d);
    return vs.some((v) => v === undefined) ? undefined : vs.reduce((a, b) => (a as number) + (b as number), 0);
  };
  const drops = sum('rxDropped', 'txDropped', 'rxFifo', 'txFifo');
  const errs = sum('rxErrors', 'rxFrame', 'txErrors', 'txCollisions', 'txCarrier');
  const details: Record<string, number> = {};
  const reset = notAvailable('interface counters reset or wrapped between samples');
  if (rx === undefined || tx === undefined || !(elapsedSec > 0))
    return { kind: 'network', name: cur.name, utilization: reset, saturation: reset, errors: reset, details };
  const rxBps = rx / elapsedSec;
  const txBps = tx / elapsedSec;
  Object.assign(details, { 'rx bytes/s': rxBps, 'tx bytes/s': txBps });
  let utilization: Metric = notAvailable(`no link speed for ${cur.name} (virtual interface?)`);
  if (speedMbps !== undefined && speedMbps > 0) {
    const u = (Math.max(rxBps, txBps) * 8) / (speedMbps * 1e6);
    utilization = {
      value: u,
      unit: 'fraction',
      state: stateFor(u, 0.7, 0.9),
      evidence: `${pct(u)} of ${speedMbps} Mb/s (rx ${(rxBps / 1e6).toFixed(2)} MB/s, tx ${(txBps / 1e6).toFixed(2)} MB/s)`,
    };
  }
  const saturation: Metric =
    drops === undefined
      ? reset
      : {
          value: drops / elapsedSec,
          unit: 'drops/s',
          state: stateAbove(drops / elapsedSec, 0, 100),
          evidence: `${drops} packets dropped or overrun in ${elapsedSec.toFixed(1)} s`,
        };
  const errors: Metric =
    errs === undefined
      ? reset
      : {
          value: errs / elapsedSec,
          unit: 'errors/s',
          state: stateAbove(errs / elapsedSec, 0, 10),
          evidence: `${errs} rx/tx errors, frame errors, collisions or carrier losses in ${elapsedSec.toFixed(1)} s`,
        };
  return { kind: 'network', name: cur.name, utilization, saturation, errors, details };
}
