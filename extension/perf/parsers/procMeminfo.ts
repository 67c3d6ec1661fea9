/**
 * /proc/meminfo (proc(5)), values in KiB. MemAvailable exists since Linux 3.14; before that
 * it is undefined here (estimating it from MemFree + Cached overstates what can be had).
 */
import { parsedFail, parsedOk, type Parsed } from './parsed';
import { parseKeyValueLines } from './procKeyValue';

export interface MemInfo {
  memTotalKb: number;
  memFreeKb: number;
  memAvailableKb?: number;
  buffersKb?: number;
  cachedKb?: number;
  swapTotalKb?: number;
  swapFreeKb?: number;
  /** Every line, by its key without the colon. */
  raw: Map<string, number>;
}

export function parseMeminfo(text: string): Parsed<MemInfo> {
  const raw = parseKeyValueLines(text);
  const memTotalKb = raw.get('MemTotal');
  const memFreeKb = raw.get('MemFree');
  if (memTotalKb === undefined || memFreeKb === undefined) return parsedFail('no MemTotal/MemFree: not /proc/meminfo');
  const memAvailableKb = raw.get('MemAvailable');
  return parsedOk(
    {
      memTotalKb,
      memFreeKb,
      memAvailableKb,
      buffersKb: raw.get('Buffers'),
      cachedKb: raw.get('Cached'),
      swapTotalKb: raw.get('SwapTotal'),
      swapFreeKb: raw.get('SwapFree'),
      raw,
    },
    memAvailableKb === undefined ? ['no MemAvailable (kernel before 3.14)'] : [],
  );
}
