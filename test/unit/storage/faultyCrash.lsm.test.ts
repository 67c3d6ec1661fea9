/**
 * Crash safety of the lsm on the fault-injecting file system (harness/faultyCrash.ts): 1000
 * fixed seeds (DDIA_CRASH_SEEDS), two crashes each, every crash mode. A failure names the seed,
 * round and mode; `runFaultyCrashSeed('lsm', seed)` replays it. One file per engine so the
 * runner runs engines in parallel.
 */
import { describeFaultyCrashTest } from './harness/faultyCrash';

describeFaultyCrashTest('lsm');
