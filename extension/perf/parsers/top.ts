/**
 * `top -b -n 1` (procps-ng top(1)). Summary lines used:
 *   top - 07:15:30 up 11 min,  0 user,  load average: 2.66, 1.10, 0.56
 *   Tasks:  78 total,   1 running,  77 sleeping,   0 stopped,   0 zombie
 *   %Cpu(s): 40.0 us, 60.0 sy,  0.0 ni,  0.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st
 *   MiB Mem :  24105.1 total,  23424.7 free,    375.7 used,    579.7 buff/cache
 *   MiB Swap:      0.0 total,      0.0 free,      0.0 used.  23729.4 avail Mem
 * then a process table under "PID USER … %CPU %MEM TIME+ COMMAND". procps 3.2 printed
 * "Cpu(s):  2.0%us," and "Mem: 16330388k total"; KiB/MiB/GiB prefixes depend on -E. We
 * accept all of these and decimal commas, and convert memory to MiB.
 */
import { parseUptime } from './uptime';
import { parseNumber, splitFields } from './number';
import { parsedFail, parsedOk, type Parsed } from './parsed';

export interface TopProcess {
  pid: number;
  user?: string;
  cpuPct?: number;
  memPct?: number;
  state?: string;
  command: string;
}

export interface Top {
  load1?: number;
  tasks: { total?: number; running?: number; sleeping?: number; zombie?: number };
  cpu: { userPct?: number; systemPct?: number; idlePct?: number; iowaitPct?: number; stealPct?: number };
  memMb: { total?: number; free?: number; used?: number; buffCache?: number; available?: number };
  swapMb: { total?: number; free?: number; used?: number };
  processes: TopProcess[];
}

/** Pairs "<number> <word>" in a comma-separated summary line, e.g. "40,0 us" or "2.0%us". */
function pairs(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of text.matchAll(/(\d+(?:[.,]\d+)?)\s*%?\s*k?\s*([A-Za-z][\w/]*(?: [A-Za-z]+)?)/g)) {
    const v = parseNumber(m[1]);
    // "avail Mem" is translated ("avail Spch"); key it by its first word.
    const key = (m[2] as string).trim();
    if (v !== undefined) out.set(key.startsWith('avail') ? 'avail' : key, v);
  }
  return out;
}

function memScaleToMb(prefix: string): number {
  if (/^GiB/.test(prefix)) return 1024;
  if (/^MiB/.test(prefix)) return 1;
  if (/^TiB/.test(prefix)) return 1024 * 1024;
  return 1 / 1024; // KiB and the old unprefixed "Mem:" (in KiB)
}

export function parseTop(text: string): Parsed<Top> {
  const lines = text.split('\n');
  const top: Top = { tasks: {}, cpu: {}, memMb: {}, swapMb: {}, processes: [] };
  let seen = false;
  let header: string[] | undefined;
  for (const line of lines) {
    if (header) {
      const f = splitFields(line);
      const pid = parseNumber(f[header.indexOf('PID')]);
      if (pid === undefined) continue;
      const at = (name: string): string | undefined => f[header?.indexOf(name) ?? -1];
      const cmdAt = header.indexOf('COMMAND');
      top.processes.push({
        pid,
        user: at('USER'),
        cpuPct: parseNumber(at('%CPU')),
        memPct: parseNumber(at('%MEM')),
        state: at('S'),
        command: cmdAt >= 0 ? f.slice(cmdAt).join(' ') : '?',
      });
      continue;
    }
    const colon = line.indexOf(':');
    const label = colon >= 0 ? line.slice(0, colon) : '';
    const rest = colon >= 0 ? line.slice(colon + 1) : '';
    if (/^top -/.test(line)) {
      const up = parseUptime(line);
      if (up.ok) top.load1 = up.value.load1;
      seen = true;
    } else if (/^(Tasks|Threads)/.test(label)) {
      const p = pairs(rest);
      top.tasks = { total: p.get('total'), running: p.get('running'), sleeping: p.get('sleeping'), zombie: p.get('zombie') };
      seen = true;
    } else if (/Cpu\(s\)|^%Cpu/.test(label)) {
      const p = pairs(rest);
      top.cpu = { userPct: p.get('us'), systemPct: p.get('sy'), idlePct: p.get('id'), iowaitPct: p.get('wa'), stealPct: p.get('st') };
      seen = true;
    } else if (/(^|\s)Mem\s*$|^[KMGT]iB \S+\s*$/.test(label) && !/Swap/.test(label)) {
      // The memory label is translated ("MiB Spch"), so any "<unit> <word>:" line that is not swap.
      const p = pairs(rest);
      const k = memScaleToMb(label.trim());
      const mb = (v: number | undefined): number | undefined => (v === undefined ? undefined : v * k);
      top.memMb = { total: mb(p.get('total')), free: mb(p.get('free')), used: mb(p.get('used')), buffCache: mb(p.get('buff/cache')) };
      seen = true;
    } else if (/Swap\s*$/.test(label)) {
      const p = pairs(rest);
      const k = memScaleToMb(label.trim());
      const mb = (v: number | undefined): number | undefined => (v === undefined ? undefined : v * k);
      top.swapMb = { total: mb(p.get('total')), free: mb(p.get('free')), used: mb(p.get('used')) };
      top.memMb.available = mb(p.get('avail'));
      seen = true;
    } else if (/^\s*PID\s/.test(line)) {
      header = splitFields(line);
    }
  }
  if (!seen) return parsedFail('no top summary lines');
  return parsedOk(top, top.processes.length ? [] : ['no process table']);
}
