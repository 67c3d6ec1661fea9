/**
 * Runs every test stage in order, keeps going after a failure (so one run shows every problem),
 * and ends with a summary and a closing line "N passed, N failed" counting individual tests.
 * Stages that need the build are skipped when the build fails.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');

interface Stage {
  readonly name: string;
  readonly command: string[];
  readonly needsBuild?: boolean;
  /** Extracts [passed, failed] test counts from the stage's output, when it runs tests. */
  readonly count?: (output: string) => [number, number] | undefined;
}

const nodeTestCounts = (out: string): [number, number] | undefined => {
  const pass = [...out.matchAll(/^ℹ pass (\d+)$/gm)].reduce((s, m) => s + Number(m[1]), 0);
  const fail = [...out.matchAll(/^ℹ fail (\d+)$/gm)].reduce((s, m) => s + Number(m[1]), 0);
  return /^ℹ pass \d+$/m.test(out) ? [pass, fail] : undefined;
};
const mochaCounts = (out: string): [number, number] | undefined => {
  const pass = [...out.matchAll(/^\s*(\d+) passing/gm)].reduce((s, m) => s + Number(m[1]), 0);
  const fail = [...out.matchAll(/^\s*(\d+) failing/gm)].reduce((s, m) => s + Number(m[1]), 0);
  return /passing/.test(out) ? [pass, fail] : undefined;
};

const npm = (script: string, ...args: string[]): string[] => ['npm', 'run', '--silent', script, ...(args.length ? ['--', ...args] : [])];

const stages: Stage[] = [
  { name: 'build (validates every lab)', command: npm('build') },
  { name: 'typecheck', command: npm('typecheck') },
  { name: 'lint and format', command: npm('lint') },
  { name: 'unit tests', command: npm('test:unit'), count: nodeTestCounts },
  {
    name: 'every lab runs headless (ddia-labs run)',
    command: ['node', '--import', 'tsx', '--test', '--test-reporter=spec', 'test/labs/runEveryLab.test.ts'],
    needsBuild: true,
    count: nodeTestCounts,
  },
  {
    // ~20 s: the stepper's built bundle in Chromium at 100k events (bytes per event, first paint, step cost, screenshots).
    name: 'timeline at 100k events in Chromium',
    command: npm('test:browser'),
    needsBuild: true,
    count: nodeTestCounts,
  },
  { name: 'package (.vsix)', command: npm('package'), needsBuild: true },
  { name: 'integration suites in a real VS Code', command: npm('test:integration'), needsBuild: true, count: mochaCounts },
  { name: 'UI journeys (Playwright)', command: npm('test:e2e'), needsBuild: true, count: nodeTestCounts },
];

function run(stage: Stage): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const [cmd, ...args] = stage.command as [string, ...string[]];
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    const relay = (chunk: Buffer, to: NodeJS.WriteStream): void => {
      output += chunk.toString();
      to.write(chunk);
    };
    child.stdout.on('data', (c: Buffer) => relay(c, process.stdout));
    child.stderr.on('data', (c: Buffer) => relay(c, process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const results: { name: string; status: 'ok' | 'FAILED' | 'skipped'; seconds: number }[] = [];
  let passed = 0;
  let failed = 0;
  let buildFailed = false;
  for (const stage of stages) {
    if (only.length > 0 && !only.some((o) => stage.name.includes(o))) continue;
    if (stage.needsBuild && buildFailed) {
      results.push({ name: stage.name, status: 'skipped', seconds: 0 });
      continue;
    }
    console.log(`\n=== ${stage.name} ===`);
    const started = Date.now();
    const { code, output } = await run(stage);
    const seconds = (Date.now() - started) / 1000;
    const counts = stage.count?.(output);
    if (counts) {
      passed += counts[0];
      failed += counts[1];
    }
    if (code !== 0) {
      if (stage.name.startsWith('build')) buildFailed = true;
      // A failing stage with no test counts (build, lint, a crashed runner) still counts as one failure.
      if (!counts || counts[1] === 0) failed += 1;
    }
    results.push({ name: stage.name, status: code === 0 ? 'ok' : 'FAILED', seconds });
  }
  console.log('\n=== summary ===');
  for (const r of results) console.log(`${r.status.padEnd(8)} ${r.name}${r.seconds ? ` (${r.seconds.toFixed(1)} s)` : ''}`);
  console.log(`\n${passed} passed, ${failed} failed`);
  return results.some((r) => r.status !== 'ok') ? 1 : 0;
}

main().then((code) => process.exit(code));
