import * as fs from 'node:fs';
import { collapsePerfScript } from './extension/perf/import/collapsePerf';
const T = '/work/shared/corpus/FlameGraph/test/';
const D = '/work/shared/corpus/FlameGraph-derived/stackcollapse-perf-at-41fee1f/';
let ok = 0,
  bad = 0;
for (const f of fs.readdirSync(T).filter((x) => x.endsWith('.txt'))) {
  const text = fs.readFileSync(T + f, 'latin1');
  const base = f.replace(/\.txt$/, '');
  for (const opt of ['default', 'pid', 'tid', 'kernel', 'jit', 'all', 'addrs']) {
    const regen = D + 'FlameGraph-test-results-regenerated/' + base + '-collapsed-' + opt + '.txt';
    const exp =
      opt === 'default'
        ? D + 'FlameGraph-test-default/' + base + '-collapsed-default.txt'
        : fs.existsSync(regen)
          ? regen
          : T + 'results/' + base + '-collapsed-' + opt + '.txt';
    const want = fs.readFileSync(exp, 'latin1');
    const got = collapsePerfScript(text, opt === 'default' ? {} : { [opt]: true });
    if (got === want) ok++;
    else {
      bad++;
      const g = got.split('\n'),
        w = want.split('\n');
      const i = g.findIndex((l, j) => l !== w[j]);
      console.log('DIFF', f, opt, g.length, w.length, '\n got:', g[i], '\nwant:', w[i]);
    }
  }
}
console.log(ok, bad);
