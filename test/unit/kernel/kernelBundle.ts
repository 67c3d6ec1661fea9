/**
 * Builds the kernel once per test process into a temp folder (esbuild, ~0.3 s), laid out as in
 * dist/: kernel.js (the entry the host spawns) next to kernel-process.js (the bundle it loads).
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

let built: Promise<string> | undefined;

/** The path of the built kernel.js; its folder serves as a dist/ folder for kernelEntryPath. */
export function kernelBundle(): Promise<string> {
  built ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-kernel-test-'));
    const kernel = path.resolve(__dirname, '../../../extension/kernel');
    await esbuild.build({
      entryPoints: { kernel: path.join(kernel, 'kernelBootstrap.ts'), 'kernel-process': path.join(kernel, 'kernelProcess.ts') },
      outdir: dir,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'es2022',
      logLevel: 'error',
    });
    return path.join(dir, 'kernel.js');
  })();
  return built;
}
