/**
 * Golden trace hashes, recorded before the simulator's hot path was optimised: the same seed must
 * keep giving byte-identical traces whatever is done for speed. If a hash here changes, a change
 * altered observable behaviour (event order, random draws, trace contents), not just speed.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { runScenario } from '../../../extension/sim/scenarios/registry';
import { benchLikeHash } from './goldenWorkload';

const GOLDEN: Record<string, string> = {
  'async-failover-loses-writes@1': '9aa413f7bc76f26651067a02ed25d5c6',
  'async-failover-loses-writes@7': 'd6c88c9bd691c461379a61114357a899',
  'async-failover-loses-writes@42': 'e5b56c20881732f7783ce0f836980144',
  'split-brain-without-fencing@1': '30b2dd97e11523216a696511186888a9',
  'split-brain-without-fencing@7': '522f2376cc043057025a875331813a11',
  'split-brain-without-fencing@42': 'db00b5b934e96a3f67ff005983390e22',
  'quorum-no-stale-reads@1': '02865bb59bbe82b2f951ab296953566b',
  'quorum-no-stale-reads@7': '645263f74d01e8727ce93d83cc7c5d1c',
  'quorum-no-stale-reads@42': '4f58d784dc03ff5a7e91172f917fcb9f',
  'sloppy-quorum-stale-read@1': '300b33157a6a647263089a3343418aba',
  'sloppy-quorum-stale-read@7': '2e066a4c761b65cbd37e2d48d51d0b64',
  'sloppy-quorum-stale-read@42': '7dcc74a635e0c44445e40450c0e966e8',
  'lww-drops-writes@1': 'ad5bf11e1b1c1f1c104ea90235705643',
  'lww-drops-writes@7': '02a27dc58f366fb05591be4c1b472687',
  'lww-drops-writes@42': '2b64f583f9519a9329a89db0cbc5ae81',
  'version-vectors-keep-siblings@1': '7a2a5a7a80a1e1dfd4a368d76b7b1b2a',
  'version-vectors-keep-siblings@7': 'f3005c9e3430e6b9fb1b7771551e66fb',
  'version-vectors-keep-siblings@42': 'c741c9564bb5006faeb18fe1b0d383ee',
};

describe('golden trace hashes', () => {
  for (const [key, hash] of Object.entries(GOLDEN)) {
    const [name = '', seed = ''] = key.split('@');
    test(`${name} seed ${seed}`, () => assert.equal(runScenario(name, Number(seed)).hash, hash));
  }
  test('quorum-no-stale-reads with the nemesis (seed 3) and with a sloppy quorum (seed 9)', () => {
    assert.equal(runScenario('quorum-no-stale-reads', 3, { faults: true }).hash, 'a7d8503d395bfff8a1cc26735532b2a6');
    assert.equal(runScenario('quorum-no-stale-reads', 9, { faults: true, sloppy: true }).hash, '365218a797d03578611e821032f3612a');
  });
  test('the benchmark workload (lossy, duplicating, reordering links; every fault kind), seeds 1 and 2', () => {
    assert.deepEqual(benchLikeHash(1), { hash: 'bc1ee3549351e43700c3e14698a342fe', events: 7957 });
    assert.deepEqual(benchLikeHash(2), { hash: '5f8554afc501493cdc92a27ee51023ba', events: 8528 });
  });
});
