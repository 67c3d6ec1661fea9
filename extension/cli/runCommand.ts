/**
 * `ddia-labs run <lab-id | path/to/file.lab.md> [--json]`: runs every code cell of a lab, in
 * order, in the same kernel process the notebook uses, and reports each cell's status and output
 * types. Stops at the first failing cell (later cells usually depend on it); exit 1 if any cell
 * failed. A lab id runs a fresh copy of the installed lab in a temporary folder.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyLabCopy, planLabCopy } from '../catalog/labCopy';
import { nodeByteFiles } from '../util/nodeFiles';
import type { LabNotebook } from '../notebook/format/cellLayout';
import { KernelClient, kernelEntryPath } from '../notebook/kernelClient';
import { claimsIn } from '../sdk/claims';
import { numberFlag, parseArgs, TIMEOUT_SECONDS, UsageError } from './args';
import { locateInstallation } from './catalogFiles';
import type { CliIo } from './io';
import { readLabFile } from './labInput';
import type { ClaimSpec } from '../views/claim/claimOutput';
import type { OutputBundle } from '../views/notebook/outputBundle';
import { contractFor } from '../views/outputContracts';

export const RUN_USAGE = 'usage: ddia-labs run <lab-id | path/to/file.lab.md> [--json] [--timeout SECONDS]';
export const RUN_HELP = `${RUN_USAGE}

Runs every code cell of a lab in order, headless, with the notebook's kernel, and prints each
cell's status and output MIME types. Exit 0 when every cell succeeds, 1 when one fails, 2 when
the arguments are wrong or the file is not a lab file (the message names the file and line).

options:
  --json             print the results as JSON
  --timeout SECONDS  time limit per cell, 1 to 3600 (default 60)
  --help             show this help`;

interface CellReport {
  readonly cell: number;
  readonly id?: string;
  /** `claim-failed`: the cell ran, but a "what you should see" claim of the lab did not hold. */
  readonly status: 'ok' | 'claim-failed' | 'error' | 'timeout' | 'interrupted' | 'out-of-memory' | 'crashed' | 'skipped';
  readonly durationMs: number;
  readonly mimeTypes: string[];
  readonly stdout: string;
  readonly error?: string;
  /** The lab's claims about this cell's output (sdk/claims.ts), with whether each held. */
  readonly claims?: readonly ClaimSpec[];
}

export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(argv, { json: 'boolean', timeout: 'string', help: 'boolean' });
  if (flags['help']) {
    io.out(RUN_HELP);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError(positionals.length === 0 ? 'missing <lab-id | file>' : `unexpected argument '${positionals[1]}'`);
  const timeout = numberFlag(flags, 'timeout', 60, TIMEOUT_SECONDS, 'a positive number of seconds');
  const target = positionals[0] as string;
  let labFile: string;
  let display = target;
  let cleanup: (() => void) | undefined;
  if (target.endsWith('.md') || fs.existsSync(target)) {
    labFile = path.resolve(target);
    if (!fs.existsSync(labFile)) throw new UsageError(`no such file: ${target}`);
  } else {
    const install = locateInstallation(io.distDir);
    const lab = install.catalog.labs.find((l) => l.id === target);
    if (!lab) throw new UsageError(`no lab '${target}'. Known labs: ${install.catalog.labs.map((l) => l.id).join(', ')}`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ddia-run-${lab.id}-`));
    cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
    const source = path.join(install.labsDir, lab.id);
    const plan = await planLabCopy(lab, source, dir, nodeByteFiles, nodeByteFiles);
    await applyLabCopy(plan, source, dir, nodeByteFiles, nodeByteFiles, { replaceChanged: false });
    labFile = path.join(dir, lab.labFile);
    display = `${lab.id}/${lab.labFile}`;
  }
  let notebook: LabNotebook;
  try {
    notebook = readLabFile(labFile, display, { requireCodeCells: true });
  } catch (err) {
    cleanup?.();
    throw err;
  }
  const kernel = new KernelClient({
    kernelPath: kernelEntryPath(io.distDir),
    labDir: path.dirname(labFile),
    timeLimitMs: timeout * 1000,
    memoryLimitMb: 1024,
  });
  // The kernel is detached (its own process group), so the terminal's Ctrl-C reaches only this
  // process, which would die without ending it: end the kernel and what its cells started first.
  const onSignal = (signal: NodeJS.Signals): void => {
    void kernel.dispose().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const reports: CellReport[] = [];
  let failed = false;
  let claimsMissed = false;
  try {
    let n = 0;
    for (const cell of notebook.cells) {
      if (cell.kind !== 'code') continue;
      n++;
      const base = { cell: n, ...(cell.id ? { id: cell.id } : {}) };
      if (failed) {
        reports.push({ ...base, status: 'skipped', durationMs: 0, mimeTypes: [], stdout: '' });
        continue;
      }
      const mimes = new Set<string>();
      const claims: ClaimSpec[] = [];
      /** Outputs a view would refuse to draw (the check of its MIME type's contract): the run fails as VS Code would show an error box. */
      const badOutputs: string[] = [];
      const checkOutputs = (bundle: OutputBundle) => {
        for (const i of bundle.items) {
          const checked = contractFor(i.mime)?.check(i.data);
          if (checked && !checked.ok) badOutputs.push(`the ${i.mime} output cannot be drawn: ${checked.problem}`);
        }
      };
      let stdout = '';
      const outcome = await kernel.run(cell.value, cell.id ? `cell ${cell.id}` : `Cell ${n}`, {
        stream: (stream, text) => {
          mimes.add(stream === 'stdout' ? 'application/vnd.code.notebook.stdout' : 'application/vnd.code.notebook.stderr');
          stdout += text;
        },
        display: (bundle) => {
          checkOutputs(bundle);
          for (const i of bundle.items) mimes.add(i.mime);
          mimes.add('text/plain');
          claims.push(...claimsIn(bundle));
        },
      });
      if (outcome.status === 'ok' && outcome.result) {
        checkOutputs(outcome.result);
        for (const i of outcome.result.items) mimes.add(i.mime);
        mimes.add('text/plain');
      }
      const missed = claims.filter((c) => !c.holds);
      const status =
        outcome.status === 'ok' && badOutputs.length > 0
          ? 'error'
          : outcome.status === 'ok' && missed.length > 0
            ? 'claim-failed'
            : outcome.status;
      const report: CellReport = {
        ...base,
        status,
        durationMs: Math.round(outcome.durationMs),
        mimeTypes: [...mimes],
        stdout,
        ...(outcome.status !== 'ok'
          ? { error: outcome.error.stack || outcome.error.message }
          : badOutputs.length > 0
            ? { error: badOutputs.join('\n') }
            : missed.length > 0
              ? {
                  error: missed
                    .map((c) => `the lab says "${c.text}", but this run did not show it${c.detail ? ` (${c.detail})` : ''}`)
                    .join('\n'),
                }
              : {}),
        ...(claims.length > 0 ? { claims } : {}),
      };
      reports.push(report);
      // A cell that failed leaves later cells without what they build on: they are skipped. A claim
      // that did not hold fails the run, but the cells after it still run and are checked.
      if (status === 'error' || outcome.status !== 'ok') failed = true;
      else if (missed.length > 0) claimsMissed = true;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await kernel.dispose();
    cleanup?.();
  }
  const ok = !failed && !claimsMissed;
  if (flags['json']) io.out(JSON.stringify({ lab: target, ok, cells: reports }, null, 2));
  else {
    io.out(`${path.basename(labFile)}: ${reports.length} code cell${reports.length === 1 ? '' : 's'}`);
    for (const r of reports) {
      const mark = r.status === 'ok' ? '✔' : r.status === 'skipped' ? '-' : '✖';
      const held = (r.claims ?? []).filter((c) => c.holds).length;
      const claimNote = r.claims ? `  claims ${held}/${r.claims.length}` : '';
      io.out(`  ${mark} cell ${r.cell}${r.id ? ` (${r.id})` : ''}  ${r.status}  ${r.durationMs} ms${claimNote}  ${r.mimeTypes.join(', ')}`);
      if (r.error) io.out(r.error.replace(/^/gm, '      '));
    }
    io.out(ok ? 'all cells succeeded' : failed ? 'FAILED' : "FAILED: the lab's claims about its outputs did not all hold");
  }
  return ok ? 0 : 1;
}
