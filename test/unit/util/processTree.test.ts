/**
 * killRunTree against real processes. The goal: nothing a run started survives it, including
 * processes that left the run's process group. Method: a node script (the "run", spawned
 * detached with a run token, as the kernel and the grader spawn theirs) starts a detached child,
 * which starts a detached grandchild of its own and exits at once, so the grandchild is
 * re-parented to init (a double fork) and is in neither the run's process group nor its process
 * tree. All of them print their pids; after killRunTree none may be alive (zombies count as gone,
 * see test/harness/processAlive.ts).
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { isProcessAlive, waitUntil } from '../../harness/processAlive';
import { killRunTree, killRunTreeSync, newRunToken, RUN_TOKEN_ENV } from '../../../extension/util/processTree';

const POSIX = process.platform !== 'win32';

/** Spawns the run: it prints its pid, its detached child's, and the double-forked grandchild's. */
async function startRun(token: string): Promise<{ pids: number[]; kill: () => void }> {
  const grandchild = `console.log(process.pid); setInterval(() => {}, 1000);`;
  const child = [
    `const cp = require('child_process');`,
    `const g = cp.spawn(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { detached: true, stdio: ['ignore', 'inherit', 'ignore'] });`,
    `g.unref(); console.log(process.pid);`,
    // Exit once the grandchild has printed, so init adopts it.
    `setTimeout(() => process.exit(0), 300);`,
  ].join('\n');
  const run = [
    `const cp = require('child_process');`,
    `const c = cp.spawn(process.execPath, ['-e', ${JSON.stringify(child)}], { detached: true, stdio: ['ignore', 'inherit', 'ignore'] });`,
    `c.unref(); console.log(process.pid); setInterval(() => {}, 1000);`,
  ].join('\n');
  const p = spawn(process.execPath, ['-e', run], {
    detached: POSIX,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, [RUN_TOKEN_ENV]: token },
  });
  const pids: number[] = [];
  p.stdout.setEncoding('utf8');
  let text = '';
  p.stdout.on('data', (chunk: string) => {
    text += chunk;
  });
  const ok = await waitUntil(() => text.trim().split(/\s+/).length >= 3, 10_000);
  assert.ok(ok, `the run printed three pids (got ${JSON.stringify(text)})`);
  pids.push(...text.trim().split(/\s+/).map(Number));
  return { pids, kill: () => p.kill('SIGKILL') };
}

test(
  'killRunTree: the run, its detached child and its double-forked grandchild all end',
  { skip: process.platform !== 'linux' },
  async () => {
    const token = newRunToken();
    const run = await startRun(token);
    const [root, , grandchild] = run.pids as [number, number, number];
    try {
      assert.ok(await waitUntil(() => isProcessAlive(grandchild), 2000), 'the grandchild is running before the kill');
      const killed = await killRunTree({ pid: root, processGroup: true, token });
      assert.ok(killed >= 2, `signalled ${killed}`);
      for (const pid of run.pids) assert.ok(await waitUntil(() => !isProcessAlive(pid), 2000), `pid ${pid} is gone`);
    } finally {
      run.kill();
      for (const pid of run.pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  },
);

test('killRunTreeSync (for exit handlers) ends the same tree', { skip: process.platform !== 'linux' }, async () => {
  const token = newRunToken();
  const run = await startRun(token);
  try {
    killRunTreeSync({ pid: run.pids[0] as number, processGroup: true, token });
    for (const pid of run.pids) assert.ok(await waitUntil(() => !isProcessAlive(pid), 2000), `pid ${pid} is gone`);
  } finally {
    run.kill();
  }
});

test('killRunTree reports zero when nothing carries the token', async () => {
  assert.equal(await killRunTree({ token: newRunToken() }), 0);
  assert.equal(killRunTreeSync({ token: newRunToken() }), 0);
});
