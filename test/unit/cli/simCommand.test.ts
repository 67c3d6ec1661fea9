/**
 * `ddia-labs sim`: the same seed gives the same trace hash twice, --json is valid JSON with the
 * anomalies, --list names every scenario, and an unknown scenario exits 2 listing the known ones.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { runCli } from '../../../extension/cli/main';

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

  test('--help', async () => {
    const c = capture();
    assert.equal(await runCli(['sim', '--help'], c.io), 0);
    assert.match(c.out.join('\n'), /usage: ddia-labs sim/);
  });
});
