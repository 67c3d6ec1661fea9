/**
 * The kernel process's entry point (dist/kernel.js; `node dist/kernel.js <lab folder>`, started
 * by notebook/kernelClient.ts). It loads the kernel bundle (dist/kernel-process.js, ~1.6 MB)
 * through V8's code cache, because a kernel starts whenever a notebook opens or restarts, and
 * compiling the bundle (and the transpiler functions the first cell needs, and the SDK's) is a
 * large share of that start. Node 20 has no module.enableCompileCache, so this does by hand what
 * Node 22 does: compile with vm.Script and `cachedData`, and once cells have run (so the functions
 * they needed are compiled too) write the cache for the next kernel.
 *
 * The cache lives in a folder of the user's own under os.tmpdir(), named after a hash of the
 * bundle's bytes, the Node version and the V8 flags: V8 itself only checks the source length, so
 * a stale cache must never be found under the name of a new bundle. On a shared machine the
 * folder must be ours and private (mode 700), or it is not used: cached bytecode is code.
 * Anything going wrong here only costs speed: the bundle is then compiled from source.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import type { KernelStart } from './kernelProcess';

const bundle = path.join(__dirname, 'kernel-process.js');
const bytes = fs.readFileSync(bundle);
const source = bytes.toString('utf8');
const cache = codeCache();
let cachedData: Buffer | undefined;
let cacheHasSdk = false;
for (const [file, withSdk] of cache
  ? ([
      [cache.sdk, true],
      [cache.base, false],
    ] as const)
  : []) {
  try {
    cachedData = fs.readFileSync(file);
    cacheHasSdk = withSdk;
    break;
  } catch {
    // not written yet
  }
}
const script = new vm.Script(Module.wrap(source), { filename: bundle, ...(cachedData ? { cachedData } : {}) });
let cacheSaved = cachedData !== undefined && script.cachedDataRejected !== true;
const kernelModule = new Module(bundle);
kernelModule.filename = bundle;
(script.runInThisContext() as (...args: unknown[]) => void).call(
  kernelModule.exports,
  kernelModule.exports,
  createRequire(bundle),
  kernelModule,
  bundle,
  __dirname,
);
(kernelModule.exports as { startKernel(start: KernelStart): void }).startKernel({
  labDir: process.argv[2] ?? process.cwd(),
  // The cache is written after the first cell, and once more, with the SDK's functions, after the
  // first cell that imports the SDK (most labs' first cell does).
  afterCell: ({ sdkLoaded }) => {
    if (!cache || (cacheSaved && (cacheHasSdk || !sdkLoaded))) return;
    cacheSaved = true;
    cacheHasSdk ||= sdkLoaded;
    saveCodeCache(sdkLoaded ? cache.sdk : cache.base);
  },
});

/** The cache files for this bundle, Node and flags: without and with the SDK compiled. */
function codeCache(): { base: string; sdk: string } | undefined {
  try {
    const uid = process.getuid?.();
    const dir = path.join(os.tmpdir(), uid === undefined ? 'ddia-labs-kernel-cache' : `ddia-labs-kernel-cache-${uid}`);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(dir);
    if (!st.isDirectory() || (uid !== undefined && (st.uid !== uid || (st.mode & 0o077) !== 0))) return undefined;
    // SHA-1 as a content fingerprint, not for security (the folder's permissions are that): 1.5 ms here, SHA-256 4 ms.
    const key = createHash('sha1')
      .update(bytes)
      .update(`\0${process.version}\0${process.arch}\0${process.execArgv.join(' ')}`)
      .digest('hex')
      .slice(0, 40);
    return { base: path.join(dir, `${key}.bin`), sdk: path.join(dir, `${key}-sdk.bin`) };
  } catch {
    return undefined;
  }
}

/** Writes the cache beside a temporary name and renames it, so a kernel never reads half a file. */
function saveCodeCache(file: string): void {
  let data: Buffer;
  try {
    data = script.createCachedData();
  } catch {
    return;
  }
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFile(tmp, data, { mode: 0o600 }, (err) => {
    if (err) return;
    fs.rename(tmp, file, () => pruneOldCaches(path.dirname(file), file));
  });
}

/** Caches of other bundles (earlier builds, other Node versions) are removed a week after they were written. */
function pruneOldCaches(dir: string, keep: string): void {
  const weekMs = 7 * 24 * 3600 * 1000;
  fs.readdir(dir, (err, names) => {
    if (err) return;
    for (const name of names) {
      const file = path.join(dir, name);
      if (file === keep) continue;
      fs.stat(file, (e, st) => {
        if (!e && Date.now() - st.mtimeMs > weekMs) fs.rm(file, { force: true }, () => undefined);
      });
    }
  });
}
