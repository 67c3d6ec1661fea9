/**
 * `ddia-labs sim`: the same seed gives the same trace hash twice, --json is valid JSON with the
 * anomalies, --list names every scenario, and an unknown scenario exits 2 listing the known ones.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../../../extension/cli/main';
import { importTrace } from '../../../extension/sim/core/trace';
import { runScenario } from '../../../extension/sim/scenarios/registry';
import { timelineSpecOfTrace } from '../../../extension/sdk/timelineSpec';

function capture(): { io: Parameters<typeof runCli>[1]; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l) => out.push(l), err: (l) => err.push(l), distDir: __dirname }, out, err };
}

async function simJson(argv: string[]): Promise<{ hash: string; seed: number; anomalies: { kind: string }[] }> {
  const c = capture();
  assert.equal(await runCli(['sim', ...argv, '--json'], c.io), 0, c.err.join('\n'));
  return JSON.parse(c.out.join('\n')) as { hash: string; seed: number; anomalies: { kind: string }[] };
}

describe('ddia-labs sim', () => {
  test('the same seed gives the same trace hash twice; another seed a different one', async () => {
    const a = await simJson(['async-failover-loses-writes', '--seed', '42']);
    const b = await simJson(['async-failover-loses-writes', '--seed', '42']);
    const other = await simJson(['async-failover-loses-writes', '--seed', '43']);
    assert.match(a.hash, /^[0-9a-f]{8,}$/);
    assert.equal(a.hash, b.hash);
    assert.notEqual(a.hash, other.hash);
    assert.equal(a.seed, 42);
  });

  test('--json reports the anomalies the checkers found', async () => {
    const r = await simJson(['lww-drops-writes']);
    assert.ok(r.anomalies.some((x) => x.kind === 'lost-write'));
    assert.deepEqual((await simJson(['quorum-no-stale-reads'])).anomalies, []);
  });

  test('the text summary shows the hash and anomalies', async () => {
    const c = capture();
    assert.equal(await runCli(['sim', 'lww-drops-writes', '--seed', '7'], c.io), 0);
    const text = c.out.join('\n');
    assert.match(text, /trace hash\s+[0-9a-f]+/);
    assert.match(text, /1 anomaly:\n\s+lost-write/);
  });

  test('--list names every scenario, as text and as JSON', async () => {
    const c = capture();
    assert.equal(await runCli(['sim', '--list', '--json'], c.io), 0);
    const names = (JSON.parse(c.out.join('\n')) as { name: string }[]).map((s) => s.name);
    assert.ok(names.includes('async-failover-loses-writes') && names.includes('sloppy-quorum-stale-read'));
    const t = capture();
    assert.equal(await runCli(['sim', '--list'], t.io), 0);
    for (const n of names) assert.match(t.out.join('\n'), new RegExp(n));
  });

  for (const [name, argv] of [
    ['an unknown scenario', ['sim', 'no-such-scenario']],
    ['no scenario', ['sim']],
    ['a bad seed', ['sim', 'lww-drops-writes', '--seed', 'abc']],
    ['--list with a scenario', ['sim', '--list', 'lww-drops-writes']],
  ] as const) {
    test(`${name} exits 2 with a message`, async () => {
      const c = capture();
      assert.equal(await runCli([...argv], c.io), 2);
      assert.ok(c.err.length > 0);
      if (name === 'an unknown scenario') assert.match(c.err.join('\n'), /Known scenarios: .*lww-drops-writes/);
    });
  }

  test('name=value options reach the scenario, with their types, and are part of the replay line', async () => {
    const c = capture();
    assert.equal(await runCli(['sim', 'async-failover-loses-writes', 'mode=sync', 'writes=12', '--seed', '5'], c.io), 0, c.err.join('\n'));
    const text = c.out.join('\n');
    assert.match(text, /"mode":"sync","writes":12/);
    assert.match(text, /replay: ddia-labs sim async-failover-loses-writes mode=sync writes=12 --seed 5/);
    const json = await simJson(['async-failover-loses-writes', 'mode=sync', 'writes=12', '--seed', '5']);
    assert.equal(json.hash, runScenario('async-failover-loses-writes', 5, { mode: 'sync', writes: 12 }).hash);
    assert.notEqual(json.hash, (await simJson(['async-failover-loses-writes', '--seed', '5'])).hash);
  });

  for (const [what, argv, message] of [
    ['an unknown option', ['wrtes=3'], /unknown option 'wrtes' for this scenario \(known: mode="async", writes=30/],
    ['a value of the wrong type', ['writes=abc'], /option 'writes' needs a number value, not 'abc'/],
    ['a value outside the choices', ['mode=bogus'], /option 'mode' must be one of "async", "semi-sync", "sync", not "bogus"/],
    ['a number out of range', ['writes=0'], /option 'writes' must be an integer from 1 to 10000, not 0/],
    ['an argument that is not name=value', ['sync'], /unexpected argument 'sync': scenario options are name=value/],
  ] as const) {
    test(`${what} exits 2 and says what is allowed`, async () => {
      const c = capture();
      assert.equal(await runCli(['sim', 'async-failover-loses-writes', ...argv], c.io), 2);
      assert.match(c.err.join('\n'), message);
    });
  }

  test('constraints between options are checked (w and r cannot exceed n)', async () => {
    const c = capture();
    assert.equal(await runCli(['sim', 'quorum-no-stale-reads', 'n=3', 'w=4'], c.io), 2);
    assert.match(c.err.join('\n'), /w and r cannot exceed n \(n=3, w=4, r=2\)/);
  });

  test('--trace writes a trace file the stepper opens, with the same hash and anomalies', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-sim-trace-'));
    try {
      const file = path.join(dir, 'run.trace.json');
      const c = capture();
      assert.equal(await runCli(['sim', 'lww-drops-writes', 'skewMs=80', '--seed', '7', '--trace', file], c.io), 0, c.err.join('\n'));
      assert.match(c.out.join('\n'), /trace file\s+.*run\.trace\.json/);
      const trace = importTrace(fs.readFileSync(file, 'utf8'));
      const expected = runScenario('lww-drops-writes', 7, { skewMs: 80 });
      assert.equal(trace.hash, expected.hash);
      assert.deepEqual(trace.options, expected.options);
      const spec = timelineSpecOfTrace(trace);
      assert.deepEqual(
        spec.anomalies.map((a) => a.kind),
        expected.anomalies.map((a) => a.kind),
      );
      assert.deepEqual(fs.readdirSync(dir), ['run.trace.json'], 'no temporary file is left behind');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--trace into a folder that does not exist exits 2 with a message', async () => {
    const c = capture();
    assert.equal(await runCli(['sim', 'lww-drops-writes', '--trace', '/nonexistent-dir/x.trace.json'], c.io), 2);
    assert.match(c.err.join('\n'), /cannot write the trace to '\/nonexistent-dir\/x\.trace\.json'/);
  });

  test('--help', async () => {
    const c = capture();
    assert.equal(await runCli(['sim', '--help'], c.io), 0);
    assert.match(c.out.join('\n'), /usage: ddia-labs sim/);
  });
});
