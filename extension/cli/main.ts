/**
 * `ddia-labs`: the headless entry. Commands run the same code as the extension, without VS Code.
 * Exit codes: 0 success, 1 the work failed (e.g. a test or cell failed), 2 bad arguments or a
 * bad input file (e.g. a malformed lab file). `check` has its own: 0 linearizable, 1 not,
 * 2 unknown, 3 unreadable history.
 */
import { InputError, UsageError } from './args';
import { BENCH_HELP, benchCommand } from './benchCommand';
import { CHECK_HELP, checkCommand } from './checkCommand';
import { CHECKLIST_HELP, checklistCommand } from './checklistCommand';
import { FLAME_HELP, flameCommand } from './flameCommand';
import { GRADE_HELP, gradeCommand } from './gradeCommand';
import type { CliIo } from './io';
import { LABS_HELP, labsCommand } from './labsCommand';
import { RUN_HELP, runCommand } from './runCommand';
import { SIM_HELP, simCommand } from './simCommand';
import { START_HELP, startCommand } from './startCommand';
import { USE_HELP, useCommand } from './useCommand';

const COMMANDS: Record<string, { summary: string; help: string; run: (argv: readonly string[], io: CliIo) => Promise<number> }> = {
  labs: { summary: 'list the labs', help: LABS_HELP, run: labsCommand },
  start: { summary: 'put a lab into a workspace folder', help: START_HELP, run: startCommand },
  run: { summary: 'run every cell of a lab headless', help: RUN_HELP, run: runCommand },
  grade: { summary: 'run the built-in tests of started exercises', help: GRADE_HELP, run: gradeCommand },
  sim: { summary: 'run a replication scenario in the simulator', help: SIM_HELP, run: simCommand },
  check: { summary: 'check a history for linearizability, explaining a violation', help: CHECK_HELP, run: checkCommand },
  flame: { summary: 'summarize or convert a CPU profile', help: FLAME_HELP, run: flameCommand },
  use: { summary: 'the USE method on this machine', help: USE_HELP, run: useCommand },
  checklist: { summary: 'the first-60-seconds performance checklist', help: CHECKLIST_HELP, run: checklistCommand },
  bench: { summary: 'run a benchmark suite (percentiles, CIs, A/B verdicts, baselines)', help: BENCH_HELP, run: benchCommand },
};

export const MAIN_USAGE = 'usage: ddia-labs <command> [options]   (ddia-labs --help for the list)';

function mainHelp(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `${MAIN_USAGE}\n\nDDIA Labs from the command line.\n\ncommands:\n${lines.join('\n')}\n\nRun 'ddia-labs <command> --help' for a command's options.`;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    if (name === undefined) {
      io.err(MAIN_USAGE);
      return 2;
    }
    io.out(mainHelp());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`ddia-labs: unknown command '${name}'`);
    io.err(MAIN_USAGE);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`ddia-labs ${name}: ${err.message}`);
      io.err(command.help.split('\n')[0] as string);
      return 2;
    }
    if (err instanceof InputError) {
      io.err(`ddia-labs ${name}: ${err.message}`);
      return 2;
    }
    io.err(`ddia-labs ${name}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

if (require.main === module) {
  // `ddia-labs … | head` closes stdout early: stop quietly instead of throwing EPIPE.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
  const io: CliIo = {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    distDir: __dirname,
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`ddia-labs: ${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
