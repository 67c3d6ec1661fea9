/**
 * SIGKILL crash test of the lsm on real files: a writer process is killed at seeded random
 * moments and every reopen must hold every acknowledged synced write, the batch in flight whole
 * or not at all, and nothing else (harness/processCrash.ts). One file per engine so the runner
 * runs engines in parallel.
 */
import { describeKillTest } from './harness/processCrash';

describeKillTest('lsm', 1);
// Background mode: flushes and compactions on the worker thread while the writer is killed.
describeKillTest('lsm', 7, { background: true, kills: 52 });
