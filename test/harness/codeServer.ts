/**
 * Starts a real VS Code — code-server 4.100.3, installed by scripts/install-code-server.sh —
 * bound to 127.0.0.1 on a free port with throwaway state. Used by the integration runner, the
 * Playwright journeys and `npm run open`. See ../shared/notes/real-vscode-testing.md.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const TOOLS_DIR = process.env['DDIA_TOOLS_DIR'] ?? path.join(REPO_ROOT, '.tools');
const ENTRY = path.join(TOOLS_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

export type Theme = 'light' | 'dark';
export const THEME_NAMES: Record<Theme, string> = { light: 'Default Light Modern', dark: 'Default Dark Modern' };

export interface CodeServerOptions {
  /** Folder to open. */
  readonly workspace?: string;
  readonly theme?: Theme;
  /** A .vsix to install before starting. */
  readonly vsix?: string;
  /** Keep workspace trust on (to test restricted mode). */
  readonly workspaceTrust?: boolean;
  /** Extra user settings. */
  readonly settings?: Record<string, unknown>;
  /** Fixed port; default: a free one. */
  readonly port?: number;
  /** Persistent state folder; default: a fresh temp folder removed on stop. */
  readonly stateDir?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly process: ChildProcess;
  /** URL opening `folder` with optional extension-development and test payload. */
  workbenchUrl(folder: string | undefined, payload?: [string, string][]): string;
  stop(): Promise<void>;
}

/** Installs code-server and Chromium if missing (idempotent, ~1 s when present). */
export function ensureCodeServer(): void {
  if (fs.existsSync(path.join(TOOLS_DIR, '.installed-4.100.3')) && fs.existsSync('/usr/bin/chromium')) return;
  const r = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'install-code-server.sh')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('installing code-server failed (scripts/install-code-server.sh)');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export function codeServerArgs(o: {
  port: number;
  userDataDir: string;
  extensionsDir: string;
  configFile: string;
  workspaceTrust?: boolean;
}): string[] {
  return [
    '--bind-addr',
    `127.0.0.1:${o.port}`,
    '--auth',
    'none',
    '--user-data-dir',
    o.userDataDir,
    '--extensions-dir',
    o.extensionsDir,
    '--config',
    o.configFile,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(o.workspaceTrust ? [] : ['--disable-workspace-trust']),
  ];
}

export function writeUserSettings(userDataDir: string, theme: Theme, extra: Record<string, unknown> = {}): void {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  const settings = {
    'workbench.colorTheme': THEME_NAMES[theme],
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'security.workspace.trust.enabled': true,
    'window.restoreWindows': 'none',
    'files.hotExit': 'off',
    'chat.commandCenter.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    ...extra,
  };
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer at ${url} within ${timeoutMs} ms:\n${log()}`);
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  ensureCodeServer();
  const temp = options.stateDir === undefined;
  const stateDir = options.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-code-server-'));
  const userDataDir = path.join(stateDir, 'user-data');
  const extensionsDir = path.join(stateDir, 'extensions');
  const configFile = path.join(stateDir, 'config.yaml');
  fs.mkdirSync(extensionsDir, { recursive: true });
  if (!fs.existsSync(configFile)) fs.writeFileSync(configFile, '');
  // A persistent profile (npm run open) keeps the user's own settings after the first start.
  if (temp || !fs.existsSync(path.join(userDataDir, 'User', 'settings.json'))) {
    writeUserSettings(userDataDir, options.theme ?? 'light', options.settings);
  }
  const port = options.port ?? (await freePort());
  const args = codeServerArgs({ port, userDataDir, extensionsDir, configFile, workspaceTrust: options.workspaceTrust ?? false });
  if (options.vsix) {
    const r = spawnSync(process.execPath, [ENTRY, ...args, '--install-extension', options.vsix, '--force'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`installing ${options.vsix} failed:\n${r.stdout}\n${r.stderr}`);
  }
  const child = spawn(process.execPath, [ENTRY, ...args, ...(options.workspace ? [options.workspace] : [])], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, child, 60_000, () => output);
  return {
    url,
    port,
    userDataDir,
    extensionsDir,
    process: child,
    workbenchUrl(folder, payload) {
      const params = new URLSearchParams();
      if (folder) params.set('folder', folder);
      if (payload) params.set('payload', JSON.stringify(payload));
      const query = params.toString();
      return `${url}/${query ? `?${query}` : ''}`;
    },
    async stop() {
      if (child.exitCode === null && child.pid) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // Already gone.
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            try {
              if (child.pid) process.kill(-child.pid, 'SIGKILL');
            } catch {
              // Already gone.
            }
            resolve();
          }, 5000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      if (temp) fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
