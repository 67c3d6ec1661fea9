/**
 * `npm run bench:grade`: wall time to grade each exercise (its reference solution) with the real
 * grader — sandboxed child process, our harness, the signed channel, the verdict — next to a
 * reference measured in the same run: the same test file under plain `node --test` with tsx, no
 * sandbox and no grader. The ratio is what trustworthy grading costs over just running the tests.
 * Target (issue 14): ≤ 1 s per exercise on this machine when the tests themselves are fast.
 * Needs `npm run build` first (dist/grader-runner.js, dist/catalog.json).
 *
 *   npm run bench:grade [-- --runs=3] [-- --only=hash-index-log,btree-wal]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../../extension/catalog/labManifest';
import { gradeExercise } from '../../extension/grading/core/gradeExercise';
import { locateGraderRuntime } from '../../extension/grading/graderRuntime';
import { createNodeTestRunner } from '../../extension/grading/nodeTestProcess';

const root = path.resolve(__dirname, '..', '..');
const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const runs = Number(arg('runs') ?? 3);
const only = arg('only')?.split(',');
const catalog = JSON.parse(fs.readFileSync(path.join(root, 'dist', 'catalog.json'), 'utf8')) as Catalog;
const runner = createNodeTestRunner(locateGraderRuntime(path.join(root, 'dist')));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
const readText = (f: string): string | undefined => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined);

async function main(): Promise<void> {
  console.log(`grading wall time per exercise, reference solution, median of ${runs} (reference: node --test with tsx, unsandboxed)`);
  let oursTotal = 0;
  let refTotal = 0;
  for (const lab of catalog.labs) {
    if (only && !only.includes(lab.id)) continue;
    for (const exercise of lab.exercises) {
      const testsDir = path.join(root, 'labs', lab.id, 'tests');
      const exerciseDir = path.join(root, 'labs', lab.id, 'reference');
      const ours: number[] = [];
      const ref: number[] = [];
      for (let i = 0; i < runs; i++) {
        let t = performance.now();
        const r = await gradeExercise({ labId: lab.id, exercise, testsDir, exerciseDir, runner, timeLimitMs: 60_000, readText });
        ours.push(performance.now() - t);
        if (r.points !== r.maxPoints) throw new Error(`${lab.id}/${exercise.id}: the reference did not pass`);
        t = performance.now();
        const files = exercise.tests.map((f) => path.join(testsDir, f));
        const p = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=dot', ...files], {
          cwd: root,
          env: { ...process.env, DDIA_EXERCISE_DIR: exerciseDir },
          encoding: 'utf8',
        });
        ref.push(performance.now() - t);
        if (p.status !== 0) throw new Error(`${lab.id}/${exercise.id}: node --test failed:\n${p.stdout}${p.stderr}`);
      }
      oursTotal += median(ours);
      refTotal += median(ref);
      console.log(
        `  ${`${lab.id}/${exercise.id}`.padEnd(44)} grader ${median(ours).toFixed(0).padStart(5)} ms   node --test ${median(ref).toFixed(0).padStart(5)} ms   ratio ${(median(ours) / median(ref)).toFixed(2)}×`,
      );
    }
  }
  console.log(
    `  ${'all exercises (sum of medians)'.padEnd(44)} grader ${oursTotal.toFixed(0).padStart(5)} ms   node --test ${refTotal.toFixed(0).padStart(5)} ms   ratio ${(oursTotal / refTotal).toFixed(2)}×`,
  );
}

void main();
