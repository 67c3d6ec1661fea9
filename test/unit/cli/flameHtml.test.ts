/**
 * `ddia-labs flame <file> --out FILE.html`: the page is self-contained (the built view script
 * inline, the profile text inline, a CSP that allows no network), its embedded profile is the
 * file's text byte for byte so the page's importer sees what the editor would, and bad input
 * exits 3 without writing a page. Needs `npm run build` (dist/webviews/flamegraph.js).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { escapeInlineScript } from '../../../extension/cli/flameHtml';
import { runCli } from '../../../extension/cli/main';
import { importProfile } from '../../../extension/perf/import/importProfile';
import type { FlameSource } from '../../../extension/views/flame/flameMessages';

const repoRoot = path.resolve(__dirname, '../../..');
const dist = path.join(repoRoot, 'dist');
const profiles = path.resolve(repoRoot, '..', 'shared', 'corpus', 'speedscope', 'sample', 'profiles');
const corpusDir = fs.existsSync(profiles) ? profiles : '/work/shared/corpus/speedscope/sample/profiles';

function io(distDir: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), distDir }, out, err };
}

function tmp(name: string): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-flame-html-')), name);
}

describe('ddia-labs flame --out', () => {
  test('writes a self-contained page with the view script and the profile inline', async (t) => {
    if (!fs.existsSync(path.join(dist, 'webviews', 'flamegraph.js'))) return t.skip('dist/webviews/flamegraph.js is not built');
    const file = path.join(corpusDir, 'Chrome', '65', 'simple.cpuprofile');
    const out = tmp('simple.html');
    const c = io(dist);
    assert.equal(await runCli(['flame', file, '--out', out], c.io), 0, c.err.join('\n'));
    assert.match(c.out.join('\n'), /wrote .*simple\.html/);
    const html = fs.readFileSync(out, 'utf8');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /connect-src|https?:/, 'the page may not load anything from the network');
    assert.doesNotMatch(html, /<script[^>]+src=/, 'no external scripts');
    const script = fs.readFileSync(path.join(dist, 'webviews', 'flamegraph.js'), 'utf8');
    assert.ok(html.includes(escapeInlineScript(script)), 'the built view script is inline');
    const state = /<script[^>]*id="initial-state">([\s\S]*?)<\/script>/.exec(html)?.[1];
    assert.ok(state, 'the page has its initial state');
    const source = (JSON.parse(state) as { source: FlameSource }).source;
    assert.equal(source.kind, 'file');
    if (source.kind !== 'file') return;
    assert.equal(source.file.content, fs.readFileSync(file, 'utf8'));
    const again = importProfile(source.file.content, source.file.fileName);
    assert.equal(again.kind, 'ok', 'the embedded profile imports with the name it carries');
  });

  test('escapes what would end the inline script early', () => {
    assert.equal(escapeInlineScript('a = "</script><b>"; // <!-- x'), 'a = "<\\/script><b>"; // <\\!-- x');
    assert.equal(escapeInlineScript('"</SCRIPT>"'), '"<\\/SCRIPT>"');
  });

  test('a corrupt profile exits 3 with the reason and writes nothing', async () => {
    const bad = tmp('broken.cpuprofile');
    fs.writeFileSync(bad, '{"nodes": [{"id": 1, "callFrame": {');
    const out = tmp('broken.html');
    const c = io(dist);
    assert.equal(await runCli(['flame', bad, '--out', out], c.io), 3);
    assert.match(c.err.join('\n'), /cannot import .*broken\.cpuprofile: cpuprofile: /);
    assert.ok(!fs.existsSync(out));
  });

  test('without the built view script it says to build, exit 3', async () => {
    const file = path.join(corpusDir, 'stackcollapse', 'simple.txt');
    const out = tmp('x.html');
    const c = io(fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-empty-dist-')));
    assert.equal(await runCli(['flame', file, '--out', out], c.io), 3);
    assert.match(c.err.join('\n'), /not built .*npm run build/);
    assert.ok(!fs.existsSync(out));
  });

  test('--out excludes --json and --folded', async () => {
    const c = io(dist);
    assert.equal(await runCli(['flame', 'x.folded', '--out', 'x.html', '--json'], c.io), 2);
  });
});
