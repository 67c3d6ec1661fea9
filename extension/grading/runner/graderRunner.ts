/**
 * Entry of dist/grader-runner.js, the preload of every grading child process. The grader starts
 *
 *   node --experimental-permission --allow-fs-read=… --allow-fs-write=<scratch> --frozen-intrinsics
 *        --enable-source-maps --require dist/grader-runner.js <test file>
 *
 * with the channel key on stdin and the result channel on fd 3 (see ../resultChannel.ts and
 * ../nodeTestProcess.ts). Before the test file, and so before any learner module, loads, this:
 *
 *   1. captures what it will need later (fs.writeSync, timers, the clock), so that replacing
 *      them afterwards changes nothing;
 *   2. reads the per-process key from stdin;
 *   3. installs the TypeScript loader and maps 'ddia-labs' to the bundled SDK and 'node:test' to
 *      our harness (testHarness.ts), which reports on the signed channel;
 *   4. freezes the assertion library, the harness, the SDK, the built-ins and the globals
 *      (lockdown.ts);
 *   5. reports `ready`, from which the grader counts the time limit.
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as crypto from 'node:crypto';
import * as sdk from '../../sdk/index';
import { installTypeScriptHook } from '../../kernel/tsRequireHook';
import { CHANNEL_FD, KEY_BYTES, signRecord } from '../resultChannel';
import type { RunEvent } from '../core/runEvents';
import { createHarness } from './testHarness';
import { lockDown } from './lockdown';
import { ONLY_ENV } from './onlyEnv';

const writeSync = fs.writeSync;
const readSync = fs.readSync;
const exit = process.exit.bind(process);
const now = performance.now.bind(performance);
const timers = { setTimeout, clearTimeout, setImmediate };
const processOn = process.on.bind(process);

function readKey(): crypto.KeyObject {
  const hex = Buffer.alloc(KEY_BYTES * 2);
  let got = 0;
  while (got < hex.length) {
    let n: number;
    try {
      n = readSync(0, hex, got, hex.length - got, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      throw err;
    }
    if (n === 0) throw new Error('the grader did not send the result channel key on stdin');
    got += n;
  }
  const raw = Buffer.from(hex.toString('latin1'), 'hex');
  hex.fill(0);
  const key = crypto.createSecretKey(raw);
  raw.fill(0);
  return key;
}

function writeAll(text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < bytes.length) {
    try {
      off += writeSync(CHANNEL_FD, bytes, off, bytes.length - off);
    } catch (err) {
      // The pipe is full for a moment (the grader reads asynchronously): try again.
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      // The channel is gone (closed by the learner's code, or the grader stopped listening):
      // nothing more can be reported, and unreported tests count as failed.
      return;
    }
  }
}

const key = readKey();
let seq = 0;
const report = (event: RunEvent): void => writeAll(signRecord(key, seq++, event));

const only = process.env[ONLY_ENV] || undefined;
const harness = createHarness({
  report,
  only,
  now,
  setTimeout: (fn, ms) => timers.setTimeout(fn, ms),
  clearTimeout: (h) => timers.clearTimeout(h as NodeJS.Timeout),
  setImmediate: (fn) => timers.setImmediate(fn),
  // Every record is written synchronously, so the process can go: stray timers the learner's
  // code left behind must not keep it (and the grader) waiting.
  done: () => timers.setImmediate(() => exit(0)),
});
const testModule = Object.freeze(harness.api);

installTypeScriptHook(sdk);
interface Loader {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}
const loader = Module as unknown as Loader;
const load = loader._load;
// `node:` built-ins are loaded before name resolution, so the mapping goes on _load itself.
loader._load = function (request: string, parent: unknown, isMain: boolean): unknown {
  if (request === 'node:test' || request === 'node:test/reporters') return testModule;
  return load.call(this, request, parent, isMain);
};

processOn('uncaughtException', (err: unknown) => harness.uncaught(err));
processOn('unhandledRejection', (err: unknown) => harness.uncaught(err));

// Built-ins by name, as the tests will load them (a dynamic list, so not import statements).
// eslint-disable-next-line @typescript-eslint/no-require-imports
lockDown((id) => require(id), [testModule, sdk]);
report({ type: 'ready' });
