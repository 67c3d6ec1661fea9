/**
 * perf.profile inside the real kernel process, as a notebook cell or `ddia-labs run` calls it:
 * the cell's result is a flame-graph output, and frames point at real sources — cell code at
 * its lab file and the line inside it, exercise code at the exercise file (loaded through the
 * kernel's TypeScript hook, which keeps line numbers).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { KernelClient } from '../../../extension/notebook/kernelClient';
import { FLAME_MIME, flameOutput, type FlameSpec } from '../../../extension/views/flame/flameOutput';
import { kernelBundle } from './kernelBundle';

const CELL = [
  "import { perf } from 'ddia-labs';",
  "import { slowSum } from './slow';",
  'function hotCell(n: number): number {',
  '  let s = 0;',
  '  for (let i = 0; i < n; i++) s += Math.sqrt(i) * Math.sin(i);',
  '  return s;',
  '}',
  'await perf.profile(() => hotCell(3_000_000) + slowSum(1_500_000), { title: "cell" })',
].join('\n');

const EXERCISE = [
  'export function slowSum(n: number): number {',
  '  let s = 0;',
  '  for (let i = 0; i < n; i++) s += Math.cos(i);',
  '  return s;',
  '}',
  '',
].join('\n');

let dir: string;
let kernel: KernelClient;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-kernel-profile-'));
  fs.writeFileSync(path.join(dir, 'demo.lab.md'), `---\nid: demo\n---\n\n# Demo\n\n\`\`\`ts id=hot\n${CELL}\n\`\`\`\n`);
  fs.writeFileSync(path.join(dir, 'slow.ts'), EXERCISE);
  kernel = new KernelClient({ kernelPath: await kernelBundle(), labDir: dir, timeLimitMs: 60_000, memoryLimitMb: 512 });
});
after(async () => {
  await kernel.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a cell calling perf.profile yields a flame graph whose frames point at the lab file and the exercise file', async () => {
  const outcome = await kernel.run(CELL, 'cell hot', { stream: () => undefined, display: () => undefined });
  assert.equal(outcome.status, 'ok', JSON.stringify(outcome));
  const item = outcome.status === 'ok' ? outcome.result?.items[0] : undefined;
  assert.equal(item?.mime, FLAME_MIME);
  const spec = item?.data as FlameSpec;
  assert.ok(flameOutput.check(spec).ok, JSON.stringify(flameOutput.check(spec)));
  const frames = spec.group.profiles.flatMap((p) => p.frames);
  // The fence is on line 7 of demo.lab.md; hotCell is declared on line 3 of the cell → line 10.
  assert.deepEqual(
    frames.filter((f) => f.name === 'hotCell').map((f) => [f.file, f.line]),
    [[path.join(dir, 'demo.lab.md'), 10]],
  );
  assert.deepEqual(
    frames.filter((f) => f.name === 'slowSum').map((f) => [f.file, f.line]),
    [[path.join(dir, 'slow.ts'), 1]],
  );
  assert.match(outcome.status === 'ok' ? (outcome.result?.text ?? '') : '', /hotCell/);
});
