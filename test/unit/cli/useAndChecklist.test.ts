/**
 * `ddia-labs use` and `ddia-labs checklist` on this (Linux) machine: use --json reports CPU and
 * memory rows with U/S/E cells that are values with states or "not available here"; the
 * checklist runs within its bound and names the package of every missing tool.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { runCli } from '../../../extension/cli/main';

function capture(): { io: Parameters<typeof runCli>[1]; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l) => out.push(l), err: (l) => err.push(l), distDir: __dirname }, out, err };
}

type Cell = { value: number; unit: string; state: string; evidence: string } | { notAvailable: string };

describe('ddia-labs use and checklist', () => {
  test('use --seconds 1 --json has cpu and memory rows with utilization, saturation and errors', async (t) => {
    if (process.platform !== 'linux') return t.skip('reads /proc');
    const c = capture();
    const started = Date.now();
    assert.equal(await runCli(['use', '--seconds', '1', '--json'], c.io), 0, c.err.join('\n'));
    assert.ok(Date.now() - started >= 900);
    const r = JSON.parse(c.out.join('\n')) as { elapsedSec: number; resources: { kind: string; name: string; [k: string]: unknown }[] };
    assert.ok(r.elapsedSec > 0.9 && r.elapsedSec < 5, String(r.elapsedSec));
    for (const kind of ['cpu', 'memory', 'event-loop']) {
      const row = r.resources.find((x) => x.kind === kind);
      assert.ok(row, `a ${kind} row`);
      for (const k of ['utilization', 'saturation', 'errors']) {
        const m = row[k] as Cell;
        assert.ok(
          'notAvailable' in m ? /^not available here/.test(m.notAvailable) : ['ok', 'warn', 'bad'].includes(m.state),
          `${kind} ${k}`,
        );
      }
    }
    const cpu = r.resources.find((x) => x.kind === 'cpu')!['utilization'] as Cell;
    assert.ok('value' in cpu && cpu.value >= 0 && cpu.value <= 1);
    const mem = r.resources.find((x) => x.kind === 'memory')!['utilization'] as Cell;
    assert.ok('value' in mem && mem.value > 0 && mem.value < 1);
  });

  test('use prints a table with a row per resource', async () => {
    const c = capture();
    assert.equal(await runCli(['use', '--seconds', '0.2'], c.io), 0);
    const text = c.out.join('\n');
    assert.match(text, /resource\s+utilization\s+saturation\s+errors/);
    assert.match(text, /node event loop/);
  });

  test('checklist --json finishes within its bound and names the package of each missing tool', async () => {
    const bound = 20;
    const c = capture();
    const started = Date.now();
    assert.equal(await runCli(['checklist', '--json', '--timeout', String(bound)], c.io), 0, c.err.join('\n'));
    const elapsed = Date.now() - started;
    assert.ok(elapsed < bound * 1000 + 2000, `took ${elapsed} ms`);
    const r = JSON.parse(c.out.join('\n')) as {
      boundMs: number;
      steps: { id: string; status: string; install?: string }[];
      findings: { severity: string; title: string; evidence: string }[];
    };
    assert.equal(r.boundMs, bound * 1000);
    assert.equal(r.steps.length, 10);
    for (const s of r.steps) {
      assert.ok(['ok', 'missing', 'failed', 'timed-out', 'unparsed', 'cancelled'].includes(s.status), s.status);
      if (s.status === 'missing') assert.match(s.install ?? '', /apt install \S+/, s.id);
    }
    for (const f of r.findings) assert.ok(f.title && f.evidence);
  });

  test('checklist stops at a short bound, reporting the steps it did not start as cancelled', async () => {
    const c = capture();
    const started = Date.now();
    assert.equal(await runCli(['checklist', '--json', '--timeout', '1'], c.io), 0);
    assert.ok(Date.now() - started < 3000);
    const r = JSON.parse(c.out.join('\n')) as { steps: { id: string; status: string }[] };
    assert.equal(r.steps.length, 10);
    // `vmstat 1 4` alone needs 3 s, so with vmstat installed something must have been cut short.
    if (r.steps.find((s) => s.id === 'vmstat')?.status !== 'missing')
      assert.ok(
        r.steps.some((s) => s.status === 'cancelled' || s.status === 'timed-out'),
        JSON.stringify(r.steps.map((s) => s.status)),
      );
  });

  for (const argv of [
    ['use', '--seconds', '0'],
    ['use', 'extra'],
    ['checklist', '--timeout', 'soon'],
    ['checklist', '--yaml'],
  ]) {
    test(`${argv.join(' ')} exits 2`, async () => {
      const c = capture();
      assert.equal(await runCli(argv, c.io), 2);
      assert.ok(c.err.length > 0);
    });
  }

  test('--help on sim, flame, use and checklist', async () => {
    for (const name of ['sim', 'flame', 'use', 'checklist']) {
      const c = capture();
      assert.equal(await runCli([name, '--help'], c.io), 0);
      assert.match(c.out.join('\n'), new RegExp(`usage: ddia-labs ${name}`));
    }
  });
});
