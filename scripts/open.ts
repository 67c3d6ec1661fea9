/**
 * The code-server half of `npm run open`: package, install the .vsix into a persistent
 * code-server profile under .tools/open-state, serve on 127.0.0.1, print the URL, and keep
 * running until interrupted.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort, startCodeServer } from '../test/harness/codeServer';
import { findVsix } from '../test/harness/vsix';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const workspace = path.resolve(process.argv[2] ?? path.join(process.env['HOME'] ?? root, 'ddia-labs-workspace'));
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'inherit' });
  const wanted = Number(process.env['PORT'] ?? 8080);
  const port = await portOr(wanted);
  const stateDir = path.join(root, '.tools', 'open-state');
  fs.mkdirSync(stateDir, { recursive: true });
  const server = await startCodeServer({
    workspace,
    vsix: findVsix(),
    port,
    stateDir,
    theme: (process.env['DDIA_THEME'] as 'light' | 'dark' | undefined) ?? 'dark',
  });
  console.log(`\nDDIA Labs is running in VS Code (code-server 4.100.3) at:\n\n  ${server.workbenchUrl(workspace)}\n`);
  console.log('Open it in a browser, then press F1 and run "DDIA Labs: Open Lab…". Ctrl+C stops the server.');
  const stop = (): void => {
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.process.on('exit', (code) => process.exit(code ?? 0));
}

async function portOr(wanted: number): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => void freePort().then(resolve));
    probe.listen(wanted, '127.0.0.1', () => probe.close(() => resolve(wanted)));
  });
}

void main();
