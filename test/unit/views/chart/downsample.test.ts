/** Large-series downsampling keeps every column's extremes (the drawn shape) and drops nothing else that shows. */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { downsampleLine, type Point } from '../../../../extension/views/chart/downsample';
import { createRandom } from '../../../../extension/util/prng';

describe('downsampleLine', () => {
  test('100k points → at most 4 per pixel column, keeping each column’s min and max (seed 7)', () => {
    const rng = createRandom(7);
    const pts: Point[] = Array.from({ length: 100_000 }, (_, i) => [i, rng.next() * 100 - (i === 54_321 ? 1000 : 0)]);
    const out = downsampleLine(pts, 0, 99_999, 800);
    assert.ok(out.length <= 800 * 4, `${out.length} points`);
    assert.ok(
      out.some((p) => p[0] === 54_321),
      'the single spike survives',
    );
    for (let c = 0; c < 800; c += 97) {
      const inCol = pts.filter((p) => Math.min(799, Math.floor((p[0] / 99_999) * 800)) === c);
      const keptCol = out.filter((p) => Math.min(799, Math.floor((p[0] / 99_999) * 800)) === c);
      assert.equal(Math.max(...keptCol.map((p) => p[1])), Math.max(...inCol.map((p) => p[1])));
      assert.equal(Math.min(...keptCol.map((p) => p[1])), Math.min(...inCol.map((p) => p[1])));
    }
    assert.ok(
      out.every((p, i) => i === 0 || (out[i - 1] as Point)[0] <= p[0]),
      'x stays in order',
    );
  });

  test('small series are returned unchanged', () => {
    const pts: Point[] = [
      [0, 1],
      [1, 3],
      [2, 2],
    ];
    assert.deepEqual(downsampleLine(pts, 0, 2, 800), pts);
  });
});
