/**
 * `ddia-labs grade [<lab-id>[/<exercise-id>]] --workspace DIR [--json FILE] [--junit FILE]`:
 * runs the built-in tests of started exercises against the learner's files, exactly as the
 * Testing view does, and prints a report. Exit 0 when every test passes, 1 when any fails (or
 * nothing could be graded), 2 on bad arguments.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LabManifest } from '../catalog/labManifest';
import { cliLabsFolder } from './labsFolderFlag';
import { gradeExercise } from '../grading/core/gradeExercise';
import { allPassed, summarize, type ExerciseResult } from '../grading/core/gradeTypes';
import { formatReport } from '../grading/core/formatReport';
import { buildJUnitXml } from '../grading/core/junitXml';
import { buildResultsJson } from '../grading/core/resultsJson';
import { SEED_ENV } from '../grading/core/seeds';
import { declaredTests } from '../grading/core/testNames';
import { locateGraderRuntime } from '../grading/graderRuntime';
import { createNodeTestRunner } from '../grading/nodeTestProcess';
import { numberFlag, parseArgs, TIMEOUT_SECONDS, UsageError } from './args';
import { locateInstallation } from './catalogFiles';
import type { CliIo } from './io';

export const GRADE_USAGE =
  'usage: ddia-labs grade [<lab-id>[/<exercise-id>]] --workspace DIR [--json FILE] [--junit FILE] [--timeout SECONDS] [--seed N]';
export const GRADE_HELP = `${GRADE_USAGE}

Runs the built-in tests of exercises in DIR/ddia-labs/<lab-id>/ (put there by 'ddia-labs start'
or by Open Lab… in VS Code) and prints one line per test and a total with partial credit.
Without a lab id every started lab is graded. Each test file runs in its own Node process with
a time limit; a test that hangs is reported as a timeout, one whose process dies as a crash.

options:
  --workspace DIR      the workspace folder (required)
  --labs-folder NAME   folder inside the workspace for labs (default: ddia-labs)
  --json FILE          also write results.json (Exercism-style, with points)
  --junit FILE         also write JUnit XML for CI systems
  --timeout SECONDS    time limit per test process, 1 to 3600 (default: 20)
  --seed N             replay randomized tests with this integer seed (sets ${SEED_ENV})
  --help               show this help

exit status: 0 every test passed, 1 a test failed or nothing was graded, 2 bad arguments`;

const DEFAULT_TIMEOUT_S = 20;

export async function gradeCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(argv, {
    workspace: 'string',
    'labs-folder': 'string',
    json: 'string',
    junit: 'string',
    timeout: 'string',
    seed: 'string',
    help: 'boolean',
  });
  if (flags['help']) {
    io.out(GRADE_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}'`);
  const workspace = flags['workspace'];
  if (typeof workspace !== 'string') throw new UsageError("missing '--workspace DIR'");
  const timeoutS = numberFlag(flags, 'timeout', DEFAULT_TIMEOUT_S, TIMEOUT_SECONDS, 'a positive number of seconds');
  const seed = flags['seed'];
  // Tests read the seed with Number(): beyond 2^53 it would silently become another seed.
  if (seed !== undefined && (!/^-?\d+$|^0x[0-9a-f]+$/i.test(String(seed)) || !Number.isSafeInteger(Number(seed))))
    throw new UsageError(`'--seed' needs an integer from -${Number.MAX_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER}, not '${String(seed)}'`);

  const install = locateInstallation(io.distDir);
  const labsRoot = cliLabsFolder(workspace, flags['labs-folder']);
  const started = (lab: LabManifest): boolean => fs.existsSync(path.join(labsRoot, lab.id, lab.labFile));

  let targets: { lab: LabManifest; exerciseIds?: readonly string[] }[];
  const selector = positionals[0];
  if (selector !== undefined) {
    const [labId, exerciseId, extra] = selector.split('/');
    const lab = install.catalog.labs.find((l) => l.id === labId);
    if (!lab || extra !== undefined)
      throw new UsageError(`no lab '${selector}'. Known labs: ${install.catalog.labs.map((l) => l.id).join(', ')}`);
    if (exerciseId !== undefined && !lab.exercises.some((e) => e.id === exerciseId)) {
      throw new UsageError(
        `lab '${lab.id}' has no exercise '${exerciseId}'. Its exercises: ${lab.exercises.map((e) => e.id).join(', ') || 'none'}`,
      );
    }
    if (lab.exercises.length === 0) throw new UsageError(`lab '${lab.id}' has no exercises to grade`);
    if (!started(lab))
      throw new UsageError(`lab '${lab.id}' is not in ${labsRoot}: run 'ddia-labs start ${lab.id} --workspace ${workspace}' first`);
    targets = [{ lab, ...(exerciseId !== undefined ? { exerciseIds: [exerciseId] } : {}) }];
  } else {
    targets = install.catalog.labs.filter((l) => l.exercises.length > 0 && started(l)).map((lab) => ({ lab }));
  }

  const runner = createNodeTestRunner(locateGraderRuntime(io.distDir));
  const readText = (file: string): string | undefined => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  const results: ExerciseResult[] = [];
  for (const { lab, exerciseIds } of targets) {
    for (const exercise of lab.exercises) {
      if (exerciseIds && !exerciseIds.includes(exercise.id)) continue;
      results.push(
        await gradeExercise({
          labId: lab.id,
          exercise,
          testsDir: path.join(install.labsDir, lab.id, 'tests'),
          exerciseDir: path.join(labsRoot, lab.id),
          runner,
          timeLimitMs: timeoutS * 1000,
          readText,
          env: seed !== undefined ? { [SEED_ENV]: String(seed) } : {},
        }),
      );
    }
  }
  const report = summarize(results);
  if (results.length === 0)
    io.err(
      `ddia-labs grade: no started lab with exercises in ${labsRoot}; start one with 'ddia-labs start <lab-id> --workspace ${workspace}'`,
    );
  else io.out(formatReport(report));

  const jsonFile = flags['json'];
  if (typeof jsonFile === 'string') {
    const code = (labId: string, file: string, name: string): string | undefined =>
      declaredTests(readText(path.join(install.labsDir, labId, 'tests', file)) ?? '').find((d) => d.name === name)?.code;
    const json = buildResultsJson(report, (labId, _exerciseId, t) => code(labId, t.testFile, t.name));
    writeFile(jsonFile, JSON.stringify(json, null, 2) + '\n');
    io.out(`results.json written to ${path.resolve(jsonFile)}`);
  }
  const junitFile = flags['junit'];
  if (typeof junitFile === 'string') {
    writeFile(junitFile, buildJUnitXml(report));
    io.out(`JUnit XML written to ${path.resolve(junitFile)}`);
  }
  return allPassed(report) ? 0 : 1;
}

function writeFile(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, text);
}
