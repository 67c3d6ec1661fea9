/**
 * describeKernelExit: what the learner reads when the kernel process ends under a cell. Each row
 * is an exit the kernel tests produce for real (process.exit, SIGKILL, abort, V8's heap limit)
 * or one a user may meet on another platform (a Windows access violation).
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { describeKernelExit } from '../../../extension/notebook/kernelExit';

const HEAP_BANNER = '<--- Last few GCs --->\n\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n';

const cases: [code: number | null, signal: string | null, stderr: string, reason: RegExp, outOfMemory: boolean][] = [
  [3, null, '', /^exited with code 3 \(for example because a cell called process\.exit\(3\)\)$/, false],
  [0, null, '', /^exited with code 0 \(for example because a cell called process\.exit\(0\)\)$/, false],
  [null, 'SIGKILL', '', /^was stopped by signal SIGKILL \(killed outright: .*running out of memory\)$/, false],
  [null, 'SIGABRT', '', /^was stopped by signal SIGABRT \(aborted: process\.abort\(\)/, false],
  [null, 'SIGABRT', HEAP_BANNER, /SIGABRT/, true],
  [null, 'SIGSEGV', '', /segmentation fault/, false],
  [null, 'SIGUSR2', '', /^was stopped by signal SIGUSR2$/, false],
  [3221225477, null, '', /^exited with code 3221225477 \(0xC0000005\)$/, false],
  [134, null, HEAP_BANNER, /^exited with code 134 \(aborted/, true],
  [null, null, '', /^ended for an unknown reason$/, false],
];

for (const [code, signal, stderr, reason, outOfMemory] of cases) {
  test(`kernel exit: code ${code}, signal ${signal}${stderr ? ', heap banner on stderr' : ''}`, () => {
    const exit = describeKernelExit(code, signal, stderr);
    assert.match(exit.reason, reason);
    assert.equal(exit.outOfMemory, outOfMemory);
  });
}
