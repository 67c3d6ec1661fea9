/**
 * The pure half of whole-system profiling with Linux `perf` (Systems Performance, chapter 6
 * "CPUs", and Brendan Gregg's "The Flame Graph", CACM 2016): the command lines, and what to tell
 * the learner when perf is missing or not allowed. The process half is perfRecord.ts.
 *
 * Recording uses the `cpu-clock` software event at 999 Hz with call graphs (`-g`): it needs no
 * hardware counters, which virtual machines often do not expose, and 999 rather than 1000 Hz
 * avoids sampling in lock-step with timer-driven work. Node is started with
 * `--perf-basic-prof`, which writes /tmp/perf-<pid>.map so perf can name JIT-compiled
 * JavaScript functions instead of printing bare addresses.
 */

export interface PerfRecordOptions {
  /** perf.data file to write. */
  readonly output: string;
  readonly nodePath: string;
  readonly script: string;
  readonly scriptArgs?: readonly string[];
  /**
   * Where V8 writes its code log: `--perf-basic-prof` also turns on V8's logging, which would
   * otherwise leave an isolate-*-v8.log in the script's working folder.
   */
  readonly v8Log: string;
  /** Samples per second per CPU (default 999). */
  readonly frequency?: number;
  /** Event to sample on (default cpu-clock). */
  readonly event?: string;
}

export const DEFAULT_FREQUENCY = 999;
export const DEFAULT_EVENT = 'cpu-clock';

export function perfRecordArgs(o: PerfRecordOptions): string[] {
  const frequency = o.frequency ?? DEFAULT_FREQUENCY;
  if (!Number.isInteger(frequency) || frequency < 1 || frequency > 100_000)
    throw new RangeError(`perf record frequency must be 1..100000 Hz, got ${frequency}`);
  return [
    'record',
    '-F',
    String(frequency),
    '-g',
    '-e',
    o.event ?? DEFAULT_EVENT,
    '-o',
    o.output,
    '--',
    o.nodePath,
    '--perf-basic-prof',
    `--logfile=${o.v8Log}`,
    '--no-logfile-per-isolate',
    o.script,
    ...(o.scriptArgs ?? []),
  ];
}

/** `perf script` over a recording: the default fields, which our perf-script importer reads. */
export function perfScriptArgs(input: string): string[] {
  return ['script', '-i', input];
}

/** `node --cpu-prof` for one script; Node writes one .cpuprofile per thread into `dir` at exit. */
export function nodeCpuProfArgs(dir: string, script: string, scriptArgs: readonly string[] = [], intervalUs?: number): string[] {
  return [
    '--cpu-prof',
    `--cpu-prof-dir=${dir}`,
    ...(intervalUs !== undefined ? [`--cpu-prof-interval=${Math.round(intervalUs)}`] : []),
    script,
    ...scriptArgs,
  ];
}

/** `/proc/sys/kernel/perf_event_paranoid` as a number, or undefined when absent/unreadable. */
export function parseParanoid(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number.parseInt(text.trim(), 10);
  return Number.isFinite(n) ? n : undefined;
}

export type PerfProblem =
  | { readonly kind: 'not-linux'; readonly message: string }
  | { readonly kind: 'missing'; readonly message: string; readonly remedy: string }
  | { readonly kind: 'not-permitted'; readonly message: string; readonly remedy: string }
  | { readonly kind: 'event-unsupported'; readonly message: string; readonly remedy: string }
  | { readonly kind: 'failed'; readonly message: string };

export interface PerfEnvironment {
  readonly platform: string;
  /** Path of the perf binary, undefined when not on PATH. */
  readonly perfPath: string | undefined;
  readonly paranoid: number | undefined;
  /** True when running as root (or with CAP_PERFMON): the paranoid level does not apply. */
  readonly privileged: boolean;
}

const INSTALL =
  'Install perf: on Debian `sudo apt install linux-perf`, on Ubuntu `sudo apt install linux-tools-common linux-tools-$(uname -r)`, on Fedora `sudo dnf install perf`.';
const PERMIT =
  'Allow profiling for your user: `sudo sysctl kernel.perf_event_paranoid=1` (until reboot; add `kernel.perf_event_paranoid = 1` to /etc/sysctl.d/ to keep it).';

/** What stops perf before it runs, from the environment alone; undefined when it may work. */
export function diagnoseEnvironment(env: PerfEnvironment): PerfProblem | undefined {
  if (env.platform !== 'linux')
    return {
      kind: 'not-linux',
      message: `perf is a Linux tool; this is ${env.platform}. Use "Profile Node Script…" (V8's own profiler) instead.`,
    };
  if (!env.perfPath) return { kind: 'missing', message: 'perf is not installed (not found on PATH).', remedy: INSTALL };
  // Level 3 and above (Debian's and Ubuntu's patched kernels) forbid perf_event_open to
  // unprivileged users altogether; at 2 a user may still sample their own processes.
  if (!env.privileged && env.paranoid !== undefined && env.paranoid >= 3)
    return {
      kind: 'not-permitted',
      message: `kernel.perf_event_paranoid is ${env.paranoid}, which forbids perf for users without CAP_PERFMON.`,
      remedy: PERMIT,
    };
  return undefined;
}

/** Reads perf's stderr after a failed run and names the cause, with the fix. */
export function diagnosePerfFailure(stderr: string, exitCode: number | null, paranoid: number | undefined): PerfProblem {
  const text = stderr.trim();
  const tail = lastLines(text, 6);
  // Debian's /usr/bin/perf is a wrapper that runs perf_<kernel version>; without the package
  // matching the running kernel it prints "E: linux-perf-X.Y is not installed."
  const wrapper = /E: (linux-perf-[\w.-]+|linux-tools-[\w.-]+) is not installed/.exec(text);
  if (wrapper || /perf_[\d.]+: not found|WARNING: perf not found for kernel/.test(text))
    return {
      kind: 'missing',
      message: `perf is installed but not for the running kernel${wrapper ? ` (${wrapper[1]} is missing)` : ''}.`,
      remedy: `Install the perf package for this kernel: on Debian \`sudo apt install linux-perf\`, on Ubuntu \`sudo apt install linux-tools-$(uname -r)\`.`,
    };
  if (
    /perf_event_paranoid|Access to performance monitoring and observability operations is limited|You may not have permission|No permission to enable/i.test(
      text,
    )
  )
    return {
      kind: 'not-permitted',
      message: `perf is not allowed to sample${paranoid !== undefined ? ` (kernel.perf_event_paranoid is ${paranoid})` : ''}: ${firstLine(tail)}`,
      remedy: PERMIT,
    };
  if (/Operation not permitted|EPERM/.test(text))
    return {
      kind: 'not-permitted',
      message: `the kernel refused perf_event_open (Operation not permitted)${paranoid !== undefined && paranoid <= 1 ? ' although perf_event_paranoid allows it, so a container or seccomp policy is blocking it' : ''}.`,
      remedy:
        paranoid !== undefined && paranoid <= 1
          ? 'Run outside the container, or start the container with `--cap-add PERFMON` (or `--privileged`) and a seccomp profile that allows perf_event_open.'
          : PERMIT,
    };
  if (/event syntax error|is not supported|not supported by the kernel|<not supported>/i.test(text))
    return {
      kind: 'event-unsupported',
      message: `this kernel cannot sample on the chosen event: ${firstLine(tail)}`,
      remedy:
        'Use the software event `-e cpu-clock` (the default here); hardware events such as `cycles` need counters that virtual machines often hide.',
    };
  return { kind: 'failed', message: `perf exited with ${exitCode ?? 'a signal'}${tail ? `: ${tail}` : ' and printed nothing'}` };
}

export function describeProblem(p: PerfProblem): string {
  return 'remedy' in p ? `${p.message} ${p.remedy}` : p.message;
}

function lastLines(text: string, n: number): string {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(-n)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function firstLine(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
