/**
 * A stand-in for the VS Code executable that `@vscode/test-electron`'s `runTests` launches.
 * It accepts test-electron's arguments, starts code-server (a real VS Code workbench with a real
 * Node extension host) and headless Chromium, passes the extension-development and test paths
 * through the workbench URL (code-server's CLI rejects them), relays the extension host's
 * console, and exits with the code the workbench reports through `codeAutomationExit`.
 * With a desktop VS Code, `runTests` launches that instead and the same suites run unchanged.
 */
import * as fs from 'node:fs';
import * as util from 'node:util';
import { launchBrowser, memoryPressure } from './browser';
import { startCodeServer, type Theme } from './codeServer';

interface ShimArgs {
  testsPath?: string;
  devPaths: string[];
  folder?: string;
}

function parse(argv: readonly string[]): ShimArgs {
  const out: ShimArgs = { devPaths: [] };
  for (const arg of argv) {
    const [key, value] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, ''];
    if (key === '--extensionTestsPath') out.testsPath = value;
    else if (key === '--extensionDevelopmentPath') out.devPaths.push(value);
    else if (!arg.startsWith('-') && fs.existsSync(arg)) out.folder = arg;
    // Other desktop flags (--no-sandbox, --disable-updates, --user-data-dir, ...) have no meaning here.
  }
  return out;
}

/** Extension-host console lines arrive as ('%c INFO', css, fmt, ...args): undo that. */
function formatConsole(args: unknown[]): string {
  if (typeof args[0] === 'string' && args[0].startsWith('%c')) {
    const rest = args.slice(2);
    return util.format(...(rest as [unknown, ...unknown[]]));
  }
  return util.format(...(args as [unknown, ...unknown[]]));
}

async function main(): Promise<number> {
  const args = parse(process.argv.slice(2));
  if (!args.testsPath || args.devPaths.length === 0) {
    console.error('vscode-shim: expected --extensionTestsPath and --extensionDevelopmentPath');
    return 2;
  }
  const theme = (process.env['DDIA_TEST_THEME'] as Theme | undefined) ?? 'light';
  const trust = process.env['DDIA_TEST_WORKSPACE_TRUST'] === '1';
  const server = await startCodeServer({ theme, workspaceTrust: trust });
  const browser = await launchBrowser();
  const timeoutMs = Number(process.env['DDIA_TEST_TIMEOUT_MS'] ?? 600_000);
  try {
    const page = await browser.context.newPage();
    const exited = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    page.on('console', async (msg) => {
      const values = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => String(a))));
      // The extension host's console arrives as ('%c INFO', css, fmt, ...args); the workbench's
      // own logging does not, so relaying only the former keeps the output to the suites' lines.
      const fromExtensionHost = typeof values[0] === 'string' && values[0].startsWith('%c');
      const text = formatConsole(values);
      // Known, harmless noise of an offline code-server (no extension gallery, no vsda).
      const noise =
        /open-vsx\.org|vsda|unexpected service worker|^(Resolving|Resolved) connection token|^Creating a socket|^Updating additional builtin|^\[Service Worker\]|^ChatSessionStore|^The web worker extension host|^Overwriting extension/.test(
          text,
        );
      if ((fromExtensionHost && !noise) || process.env['DDIA_TEST_VERBOSE']) process.stdout.write(text + '\n');
    });
    const remote = (p: string): string => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload: [string, string][] = [
      ...args.devPaths.map((p): [string, string] => ['extensionDevelopmentPath', remote(p)]),
      ['extensionTestsPath', remote(args.testsPath)],
    ];
    await page.goto(server.workbenchUrl(args.folder, payload), { timeout: 60_000 });
    const timeout = new Promise<number>((resolve) =>
      setTimeout(() => {
        console.error(`vscode-shim: no result within ${timeoutMs} ms (memory pressure: ${memoryPressure()})`);
        resolve(1);
      }, timeoutMs).unref(),
    );
    return await Promise.race([exited, timeout]);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`vscode-shim: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
