/**
 * `npm run test:integration`: runs the mocha suites in test/integration inside a real VS Code
 * through @vscode/test-electron's `runTests`. Here the "executable" is dist/test/vscode-shim.js,
 * which drives code-server + Chromium; set VSCODE_EXECUTABLE to a desktop VS Code to use that.
 * Runs twice: once in a trusted workspace (every suite), once with Workspace Trust on and the
 * folder untrusted (suites tagged @restricted only).
 */
import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureCodeServer, REPO_ROOT } from './harness/codeServer';

async function main(): Promise<number> {
  const executable = process.env['VSCODE_EXECUTABLE'] ?? path.join(REPO_ROOT, 'dist', 'test', 'vscode-shim.js');
  if (!process.env['VSCODE_EXECUTABLE']) ensureCodeServer();
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'test', 'integration', 'index.js'))) {
    console.error('dist/test/integration/index.js is missing: run `npm run build` first');
    return 1;
  }
  const passes = [
    { name: 'trusted workspace', env: { DDIA_TEST_THEME: 'dark' } },
    {
      name: 'restricted workspace (Workspace Trust on, folder untrusted)',
      env: { DDIA_TEST_THEME: 'light', DDIA_TEST_WORKSPACE_TRUST: '1' },
    },
  ]
    .filter((p) => !process.env['DDIA_TEST_GREP'] || !p.env.DDIA_TEST_WORKSPACE_TRUST)
    .filter((p) => !process.env['DDIA_TEST_RESTRICTED_ONLY'] || p.env.DDIA_TEST_WORKSPACE_TRUST);
  let failed = 0;
  for (const pass of passes) {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-it-workspace-'));
    const started = Date.now();
    console.log(`\n--- integration pass: ${pass.name} ---`);
    try {
      await runTests({
        vscodeExecutablePath: executable,
        extensionDevelopmentPath: REPO_ROOT,
        extensionTestsPath: path.join(REPO_ROOT, 'dist', 'test', 'integration', 'index.js'),
        launchArgs: [workspace],
        extensionTestsEnv: pass.env,
      });
      console.log(`${pass.name}: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (err) {
      failed++;
      console.error(`${pass.name}: failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  }
  return failed > 0 ? 1 : 0;
}

main().then((code) => process.exit(code));
