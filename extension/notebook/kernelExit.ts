/**
 * Why a kernel process ended, in words a learner can act on. The exit code or signal alone
 * ("SIGABRT", 134) says nothing to most people; the usual cause next to it does. Pure: the
 * kernel client passes what the child process reported (and the end of its stderr, where V8 and
 * Node print fatal errors).
 */

/** What the kernel process's death means for the cell that was running. */
export interface KernelExit {
  /** The V8 heap hit --max-old-space-size: reported like the memory limit, not as a crash. */
  readonly outOfMemory: boolean;
  /** One sentence fragment: "exited with code 3 (…)", "was killed by signal SIGKILL (…)". */
  readonly reason: string;
}

const SIGNALS: Readonly<Record<string, string>> = {
  SIGKILL: 'killed outright: by process.kill(pid, "SIGKILL"), another program, or the system running out of memory',
  SIGABRT: 'aborted: process.abort(), or a fatal error inside Node or native code',
  SIGSEGV: 'a segmentation fault: invalid memory access in native code',
  SIGBUS: 'a bus error: invalid memory access in native code',
  SIGILL: 'an illegal instruction in native code',
  SIGFPE: 'an arithmetic fault in native code',
  SIGTERM: 'asked to terminate: by process.kill(pid) or another program',
  SIGINT: 'interrupted: by process.kill(pid, "SIGINT") or another program',
  SIGHUP: 'hung up: by process.kill(pid, "SIGHUP") or another program',
};

/** V8's banner when the heap cannot grow further (printed just before it aborts). */
const HEAP_OOM = /JavaScript heap out of memory|Reached heap limit|Ineffective mark-compacts near heap limit/;

export function describeKernelExit(code: number | null, signal: string | null, stderrTail: string): KernelExit {
  const outOfMemory = HEAP_OOM.test(stderrTail);
  if (signal) {
    const meaning = SIGNALS[signal];
    return { outOfMemory, reason: `was stopped by signal ${signal}${meaning ? ` (${meaning})` : ''}` };
  }
  if (code === null) return { outOfMemory, reason: 'ended for an unknown reason' };
  // Windows reports crashes as NTSTATUS codes; they read better in hex (0xC0000005: access violation).
  const shown = code > 0xffff || code < 0 ? `${code} (0x${(code >>> 0).toString(16).toUpperCase()})` : String(code);
  const hint =
    code === 0 || (code > 0 && code < 128)
      ? ` (for example because a cell called process.exit(${code}))`
      : code === 134
        ? ' (aborted, for example by process.abort() or a fatal error)'
        : code === 137
          ? ' (killed, possibly by the system running out of memory)'
          : '';
  return { outOfMemory, reason: `exited with code ${shown}${hint}` };
}
