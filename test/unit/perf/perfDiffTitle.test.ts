/**
 * perf.diff names the differential flame graph "<before title> → <after title>" (or the
 * `title` option): the spec title the flame view shows, and the first line of its text.
 * Guards the reported root label `perf.profile.title.title`, which must never appear.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { CpuProfile, diff } from '../../../extension/sdk/perfProfile';

const unavailable = (title: string): CpuProfile<number> => CpuProfile.unavailable(1, 2, title, 1000, 'test');

describe('perf.diff title', () => {
  test('defaults to "<before> → <after>"', () => {
    const d = diff(unavailable('baseline'), unavailable('with cache'));
    assert.equal(d.spec.title, 'baseline → with cache');
    assert.doesNotMatch(JSON.stringify(d.spec), /title\.title/);
  });

  test('default profile titles', () => {
    assert.equal(diff(unavailable('CPU profile'), unavailable('CPU profile')).spec.title, 'CPU profile → CPU profile');
  });

  test('the title option wins', () => {
    assert.equal(diff(unavailable('a'), unavailable('b'), { title: 'before/after the index' }).spec.title, 'before/after the index');
  });
});
