/**
 * The simulator draws link randomness from sfc32 state kept in typed arrays; it must be the very
 * same sequence as createRandom's, or every trace recorded before would change.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createRandom, seedSfc32, sfc32Fill, sfc32Next } from '../../../extension/util/prng';

test('seedSfc32 + sfc32Next and sfc32Fill give createRandom(seed).next()’s sequence', () => {
  const state = new Uint32Array(8);
  const out = new Float64Array(6);
  for (const seed of [0, 1, 42, 0xdeadbeef, 0xffffffff]) {
    const a = createRandom(seed);
    const b = createRandom(seed);
    seedSfc32(seed, state, 0);
    seedSfc32(seed, state, 4);
    for (let i = 0; i < 500; i++) {
      assert.equal(sfc32Next(state, 0), a.next());
      sfc32Fill(state, 4, out, 6);
      for (const u of out) assert.equal(u, b.next());
    }
  }
});
