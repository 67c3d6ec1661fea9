/**
 * The SIGKILL crash harness: real files, a real process killed at a random moment. One lane is
 * one scratch folder and a chain of writer processes (harness/crashWriter.ts): each is spawned,
 * killed (after a seeded number of acknowledged writes, or after a seeded delay that may land
 * in the middle of recovery), and the parent then reopens the engine and checks that
 *   - every acknowledged synced batch is present with its exact values, and
 *   - the one batch in flight at the kill is there whole or not at all; nothing else appears.
 * The next writer continues in the same folder, so recovery of a recovered store is tested too.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import { spawn } from 'node:child_process';
import * as nodeFs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { DiskFileSystem } from '../../../../extension/storageIo/diskFileSystem';
import { createRandom } from '../../../../extension/util/prng';
import { applyOps, type EngineKind, matchPrefix, type Op, openEngine } from './engines';

/**
 * Bundles the writer to one CommonJS file, so a spawn costs a bare node start, and next to it
 * the LSM's background worker under the name its engine looks for (extension/storageIo/backgroundJobs.ts).
 */
export function bundleWriter(outDir: string): string {
  const outfile = path.join(outDir, 'crashWriter.cjs');
  const common = { bundle: true, platform: 'node', format: 'cjs', logLevel: 'error' } as const;
  esbuild.buildSync({ ...common, entryPoints: [path.join(__dirname, 'crashWriter.ts')], outfile });
  esbuild.buildSync({
    ...common,
    entryPoints: [path.join(__dirname, '../../../../extension/storageIo/backgroundWorker.ts')],
    outfile: path.join(outDir, 'lsm-background-worker.js'),
  });
  return outfile;
}

interface RunResult {
  acked: Op[][];
  inFlight: Op[] | null;
  opened: boolean;
}

/** Spawns one writer and SIGKILLs it after `killAfterAcks` acks or `killAfterMs`, whichever is set. */
function runWriter(writer: string, args: string[], kill: { acks?: number; ms?: number }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: Op[][] = [];
    let inFlight: Op[] | null = null;
    let opened = false;
    let buffer = '';
    let stderr = '';
    let killed = false;
    const doKill = (): void => {
      if (!killed) child.kill('SIGKILL');
      killed = true;
    };
    const timer = kill.ms === undefined ? undefined : setTimeout(doKill, kill.ms);
    if (kill.acks === 0 && kill.ms === undefined) doKill();
    const onLine = (line: string): void => {
      if (line === 'R') opened = true;
      else if (line.startsWith('B ')) inFlight = JSON.parse(line.slice(2)) as Op[];
      else if (line.startsWith('A ')) {
        if (inFlight === null) throw new Error(`ack without a batch: ${line}`);
        acked.push(inFlight);
        inFlight = null;
        if (kill.acks !== undefined && acked.length >= kill.acks) doKill();
      }
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        onLine(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // A line cut by the kill is half a line of the last report: no ack can hide in it.
      if (signal !== 'SIGKILL') reject(new Error(`writer exited by itself (code ${code}): ${stderr}`));
      else resolve({ acked, inFlight, opened });
    });
  });
}

export interface LaneReport {
  kills: number;
  acked: number;
  inFlightApplied: number;
  killedBeforeOpen: number;
}

/** `kills` kill-and-check cycles in one fresh folder; the seed decides every kill moment. */
export async function runKillLane(
  writer: string,
  kind: EngineKind,
  laneSeed: number,
  kills: number,
  background = false,
): Promise<LaneReport> {
  const rng = createRandom(laneSeed);
  const dir = nodeFs.mkdtempSync(path.join(os.tmpdir(), `ddia-kill-${kind}-`));
  const report: LaneReport = { kills: 0, acked: 0, inFlightApplied: 0, killedBeforeOpen: 0 };
  let model = new Map<string, string>();
  let seq = 0;
  try {
    for (let i = 0; i < kills; i++) {
      const kill = rng.chance(0.25) ? { ms: rng.int(120) } : { acks: rng.int(30) };
      const runSeed = laneSeed * 100_000 + i;
      const r = await runWriter(writer, [kind, dir, String(laneSeed), String(runSeed), String(seq), ...(background ? ['bg'] : [])], kill);
      const where = `${kind} lane seed ${laneSeed}, kill ${i} (${JSON.stringify(kill)}), ${r.acked.length} acked`;
      seq += r.acked.length + 1;
      for (const b of r.acked) applyOps(model, b);
      const db = openEngine(kind, new DiskFileSystem(dir), 'db', laneSeed);
      const got = db.dump();
      const k = matchPrefix(got, model, r.inFlight === null ? [] : [r.inFlight]);
      assert.ok(k >= 0, `${where}: reopened contents are not the acknowledged writes (plus, whole, the one in flight)`);
      for (const [key, v] of got) assert.equal(db.get(key), v, `${where}: get(${key}) disagrees with the scan`);
      db.close();
      model = got;
      report.kills++;
      report.acked += r.acked.length;
      if (k === 1) report.inFlightApplied++;
      if (!r.opened) report.killedBeforeOpen++;
    }
  } finally {
    nodeFs.rmSync(dir, { recursive: true, force: true });
  }
  return report;
}

const DEFAULT_KILLS = Number(process.env['DDIA_KILLS'] ?? 200);
const LANES = 4;

/**
 * The test of one engine: KILLS kills (DDIA_KILLS, default 200; or `opts.kills`) in 4 parallel
 * lanes, seeds fixed and printed (engine index e picks them). `opts.background`: the writer runs
 * the LSM in background mode (the parent checks with a plain open).
 */
export function describeKillTest(kind: EngineKind, e: number, opts: { background?: boolean; kills?: number } = {}): void {
  const background = opts.background === true;
  const KILLS = opts.kills ?? DEFAULT_KILLS;
  describe(`SIGKILL crash recovery on real files: ${kind}${background ? ' (background mode)' : ''}`, () => {
    let tmp = '';
    let writer = '';
    before(() => {
      tmp = nodeFs.mkdtempSync(path.join(os.tmpdir(), 'ddia-writer-'));
      writer = bundleWriter(tmp);
    });
    after(() => nodeFs.rmSync(tmp, { recursive: true, force: true }));
    const seeds = Array.from({ length: LANES }, (_, l) => 1000 * (e + 1) + l + 1);
    test(`${kind}${background ? ' background' : ''}: ${KILLS} kills (lane seeds ${seeds.join(', ')}) lose no acknowledged write and tear no batch`, async () => {
      const perLane = Math.ceil(KILLS / LANES);
      const reports = await Promise.all(seeds.map((s) => runKillLane(writer, kind, s, perLane, background)));
      const sum = (f: (r: LaneReport) => number): number => reports.reduce((n, r) => n + f(r), 0);
      const kills = sum((r) => r.kills);
      const acked = sum((r) => r.acked);
      assert.ok(kills >= KILLS, `${kills} kills`);
      // The test means something only if writers got going: most kills land after acks.
      assert.ok(acked >= kills * 5, `only ${acked} acknowledged writes over ${kills} kills`);
      console.log(
        `${kind}: ${kills} kills, ${acked} acknowledged writes, in-flight batch recovered ${sum((r) => r.inFlightApplied)} times, killed before open ${sum((r) => r.killedBeforeOpen)} times`,
      );
    });
  });
}
