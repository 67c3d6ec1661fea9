/** Builds the kernel worker once per test process into a temp folder (esbuild, ~0.2 s). */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

let built: string | undefined;

export async function kernelWorkerBundle(): Promise<string> {
  if (built) return built;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-kernel-test-'));
  const outfile = path.join(dir, 'kernel-worker.js');
  await esbuild.build({
    entryPoints: [path.resolve(__dirname, '../../../extension/kernel/kernelWorker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    logLevel: 'error',
  });
  built = outfile;
  return outfile;
}
