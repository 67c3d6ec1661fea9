/**
 * `dmesg | tail` (util-linux dmesg(1)). Lines start with "[ seconds.micros]" by default,
 * "[Tue Nov 26 07:15:28 2024]" with -T, or nothing with -t. We keep the message and flag
 * the kinds of line the first 60 seconds are looking for (OOM kills, I/O errors, TCP
 * drops, hung tasks, segfaults, lockups). Reading the ring buffer needs privileges when
 * kernel.dmesg_restrict = 1; that case is reported as `restricted`, not as an empty log.
 */
import { parsedOk, type Parsed } from './parsed';

export type DmesgConcern = 'oom' | 'io-error' | 'network' | 'hung-task' | 'crash' | 'lockup' | 'hardware';

export interface DmesgLine {
  timestamp?: string;
  message: string;
  concern?: DmesgConcern;
}

export interface Dmesg {
  lines: DmesgLine[];
  restricted: boolean;
}

const CONCERNS: Array<[RegExp, DmesgConcern]> = [
  [/out of memory|oom-kill|oom_reaper|invoked oom-killer/i, 'oom'],
  [/I\/O error|blk_update_request|critical medium error|EXT4-fs error|XFS.*(error|corruption)|Buffer I\/O/i, 'io-error'],
  [/SYN flooding|nf_conntrack: table full|dropping packet|NETDEV WATCHDOG|link is down/i, 'network'],
  [/blocked for more than|hung_task/i, 'hung-task'],
  [/segfault|general protection|Call Trace|kernel BUG|Oops/i, 'crash'],
  [/soft lockup|hard LOCKUP|rcu_sched self-detected stall|rcu.*stall/i, 'lockup'],
  [/Machine check|MCE|EDAC|Hardware Error/i, 'hardware'],
];

export function parseDmesg(text: string): Parsed<Dmesg> {
  const restricted = /Operation not permitted|read kernel buffer failed/i.test(text);
  const lines: DmesgLine[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.trim() || /^dmesg:/.test(raw)) continue;
    const m = /^\[([^\]]*)\]\s?(.*)$/.exec(raw);
    const line: DmesgLine = m ? { timestamp: (m[1] as string).trim(), message: m[2] as string } : { message: raw };
    const hit = CONCERNS.find(([re]) => re.test(line.message));
    if (hit) line.concern = hit[1];
    lines.push(line);
  }
  return parsedOk({ lines, restricted }, restricted ? ['kernel log is restricted (kernel.dmesg_restrict = 1); run with privileges'] : []);
}
