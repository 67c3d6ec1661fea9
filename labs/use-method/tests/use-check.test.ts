/**
 * Built-in tests for exercise "use-check". The snapshots are shaped like a real Linux
 * /proc/stat (same field order, an `intr` line and friends that must be ignored); the expected
 * percentages are worked out by hand in the comments so a failure message can be checked.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';

interface CpuUtilization {
  cpu: string;
  utilization: number;
  iowait: number;
}
interface UseReading {
  resource: string;
  utilization?: number;
  saturation?: number;
  errors?: number;
}
interface Finding {
  resource: string;
  kind: string;
  metric: string;
  value?: number;
}

const exerciseDir = process.env['DDIA_EXERCISE_DIR'];
if (!exerciseDir) throw new Error('DDIA_EXERCISE_DIR must name the folder holding use-check.ts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { cpuUtilization, useFindings } = require(path.join(exerciseDir, 'use-check.ts')) as {
  cpuUtilization(before: string, after: string): CpuUtilization[];
  useFindings(readings: UseReading[], threshold?: number): Finding[];
};

const BEFORE = `cpu  10000 500 3000 80000 1000 100 200 50 400 0
cpu0 5000 250 1500 40000 500 50 100 25 200 0
cpu1 5000 250 1500 40000 500 50 100 25 200 0
intr 123456 0 9 0 0
ctxt 987654
btime 1700000000
processes 4242
procs_running 3
procs_blocked 1
`;
// Over the interval: cpu0 ran 600 user + 0 nice + 200 system + 100 steal (900 busy) and sat
// idle 100 (idle 80 + iowait 20): 90% busy, 2% iowait. cpu1 was idle for 1000 ticks: 0%.
// Guest grew by 300 on cpu0 — already inside user, so it must not add to busy.
const AFTER = `cpu  10600 500 3200 81080 1020 100 200 150 700 0
cpu0 5600 250 1700 40080 520 50 100 125 500 0
cpu1 5000 250 1500 41000 500 50 100 25 200 0
intr 124000 0 9 0 0
ctxt 990000
btime 1700000000
processes 4250
procs_running 1
procs_blocked 0
`;

function byCpu(rows: CpuUtilization[]): Map<string, CpuUtilization> {
  return new Map(rows.map((r) => [r.cpu, r]));
}

test('utilization comes from the difference of two snapshots', () => {
  const rows = byCpu(cpuUtilization(BEFORE, AFTER));
  assert.ok(rows.has('cpu1'), 'cpu1 is missing from the result');
  assert.equal(rows.get('cpu1')?.utilization, 0, 'cpu1 only accumulated idle ticks in the interval');
});

test('every cpu line is reported, and nothing else', () => {
  const cpus = cpuUtilization(BEFORE, AFTER)
    .map((r) => r.cpu)
    .sort();
  assert.deepEqual(cpus, ['cpu', 'cpu0', 'cpu1']);
});

test('busy time includes steal and excludes guest', () => {
  const cpu0 = byCpu(cpuUtilization(BEFORE, AFTER)).get('cpu0');
  assert.ok(cpu0, 'cpu0 is missing');
  assert.ok(Math.abs(cpu0.utilization - 90) < 1e-9, `cpu0: expected 90% busy (900 of 1000 ticks), got ${cpu0.utilization}`);
  const all = byCpu(cpuUtilization(BEFORE, AFTER)).get('cpu');
  assert.ok(all, 'the aggregate cpu line is missing');
  assert.ok(Math.abs(all.utilization - 45) < 1e-9, `all CPUs: expected 45% busy (900 of 2000 ticks), got ${all.utilization}`);
});

test('iowait counts as idle time, and is reported on its own', () => {
  const cpu0 = byCpu(cpuUtilization(BEFORE, AFTER)).get('cpu0');
  assert.ok(cpu0, 'cpu0 is missing');
  assert.ok(Math.abs(cpu0.iowait - 2) < 1e-9, `cpu0: expected 2% iowait (20 of 1000 ticks), got ${cpu0.iowait}`);
  assert.ok(Math.abs(cpu0.utilization - 90) < 1e-9, `iowait is not busy time: expected 90%, got ${cpu0.utilization}`);
});

test('an interval with no ticks gives 0%, not NaN', () => {
  const rows = cpuUtilization(BEFORE, BEFORE);
  assert.equal(rows.length, 3);
  for (const r of rows) {
    assert.equal(r.utilization, 0, `${r.cpu}: ${r.utilization}`);
    assert.equal(r.iowait, 0, `${r.cpu}: ${r.iowait}`);
  }
});

test('a healthy resource has no findings', () => {
  assert.deepEqual(useFindings([{ resource: 'cpu', utilization: 20, saturation: 0, errors: 0 }]), []);
  // Next to an unhealthy resource, the healthy one still adds nothing.
  assert.deepEqual(
    useFindings([
      { resource: 'cpu', utilization: 20, saturation: 0, errors: 0 },
      { resource: 'disk', utilization: 95, saturation: 0, errors: 0 },
      { resource: 'network', utilization: 0, saturation: 0, errors: 0 },
    ]),
    [{ resource: 'disk', kind: 'utilization', metric: 'utilization', value: 95 }],
  );
});

test('utilization at or above the threshold is a finding', () => {
  const findings = useFindings([
    { resource: 'cpu', utilization: 70, saturation: 0, errors: 0 },
    { resource: 'disk', utilization: 69.9, saturation: 0, errors: 0 },
  ]);
  assert.deepEqual(findings, [{ resource: 'cpu', kind: 'utilization', metric: 'utilization', value: 70 }]);
  assert.deepEqual(useFindings([{ resource: 'disk', utilization: 55, saturation: 0, errors: 0 }], 50), [
    { resource: 'disk', kind: 'utilization', metric: 'utilization', value: 55 },
  ]);
});

test('any saturation or error is a finding', () => {
  const findings = useFindings([
    { resource: 'memory', utilization: 10, saturation: 0.5, errors: 0 },
    { resource: 'nic', utilization: 1, saturation: 0, errors: 3 },
  ]);
  assert.deepEqual(findings, [
    { resource: 'nic', kind: 'errors', metric: 'errors', value: 3 },
    { resource: 'memory', kind: 'saturation', metric: 'saturation', value: 0.5 },
  ]);
});

test('findings are ordered errors, saturation, utilization, unknown', () => {
  const findings = useFindings([
    { resource: 'cpu', utilization: 95, saturation: 2 },
    { resource: 'disk', utilization: 80, saturation: 0, errors: 1 },
  ]);
  assert.deepEqual(
    findings.map((f) => `${f.kind}:${f.resource}`),
    ['errors:disk', 'saturation:cpu', 'utilization:cpu', 'utilization:disk', 'unknown:cpu'],
  );
});

test('a metric that could not be measured is an unknown finding', () => {
  const findings = useFindings([{ resource: 'memory bus' }]);
  assert.deepEqual(findings, [
    { resource: 'memory bus', kind: 'unknown', metric: 'utilization' },
    { resource: 'memory bus', kind: 'unknown', metric: 'saturation' },
    { resource: 'memory bus', kind: 'unknown', metric: 'errors' },
  ]);
});
