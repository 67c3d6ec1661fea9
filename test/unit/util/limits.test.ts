/**
 * The numeric limits: package.json's settings declare the same minimum and maximum as
 * util/limits.ts, and the code that reads a setting clamps what VS Code hands over (it only warns
 * about an out-of-range value in the settings editor).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { clampToBounds, MEMORY_LIMIT_MB, TIME_LIMIT_SECONDS, type NumberBounds } from '../../../extension/util/limits';

const root = path.resolve(__dirname, '../../..');

describe('numeric limits', () => {
  test('package.json settings carry the same bounds as util/limits.ts', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { minimum?: number; maximum?: number; type: string }> } };
    };
    const props = pkg.contributes.configuration.properties;
    const expected: [string, NumberBounds][] = [
      ['ddiaLabs.kernel.timeLimitSeconds', TIME_LIMIT_SECONDS],
      ['ddiaLabs.grading.timeLimitSeconds', TIME_LIMIT_SECONDS],
      ['ddiaLabs.kernel.memoryLimitMb', MEMORY_LIMIT_MB],
    ];
    for (const [key, bounds] of expected) {
      const p = props[key];
      assert.ok(p, key);
      assert.equal(p.minimum, bounds.min, `${key} minimum`);
      assert.equal(p.maximum, bounds.max, `${key} maximum`);
      assert.equal(p.type, bounds.integer ? 'integer' : 'number', `${key} type`);
    }
    // Every numeric setting has both bounds.
    for (const [key, p] of Object.entries(props)) {
      if (p.type === 'number' || p.type === 'integer') assert.ok(p.minimum !== undefined && p.maximum !== undefined, key);
    }
  });

  test('the largest time limit is far below setTimeout’s 2^31-1 ms ceiling', () => {
    assert.ok(TIME_LIMIT_SECONDS.max * 1000 < 2 ** 31 - 1);
  });

  test('clampToBounds: out of range → nearest bound; not a finite number → the default', () => {
    assert.equal(clampToBounds(3_000_000, TIME_LIMIT_SECONDS, 60), 3600);
    assert.equal(clampToBounds(0, TIME_LIMIT_SECONDS, 60), 1);
    assert.equal(clampToBounds(-5, TIME_LIMIT_SECONDS, 60), 1);
    assert.equal(clampToBounds(30, TIME_LIMIT_SECONDS, 60), 30);
    assert.equal(clampToBounds(Number.NaN, TIME_LIMIT_SECONDS, 60), 60);
    assert.equal(clampToBounds(Number.POSITIVE_INFINITY, TIME_LIMIT_SECONDS, 60), 60);
    assert.equal(clampToBounds('120', TIME_LIMIT_SECONDS, 60), 60);
    assert.equal(clampToBounds(undefined, TIME_LIMIT_SECONDS, 60), 60);
    assert.equal(clampToBounds(1e12, MEMORY_LIMIT_MB, 1024), 16384);
    assert.equal(clampToBounds(200.4, MEMORY_LIMIT_MB, 1024), 200);
    // Below the minimum: the kernel process alone needs about 70 MB with the SDK loaded.
    assert.equal(clampToBounds(100, MEMORY_LIMIT_MB, 1024), 128);
  });
});
