/**
 * Crash safety of the hashlog on the fault-injecting file system (harness/faultyCrash.ts): 1000
 * fixed seeds (DDIA_CRASH_SEEDS), two crashes each, every crash mode. A failure names the seed,
 * round and mode; `runFaultyCrashSeed('hashlog', seed)` replays it. One file per engine so the
 * runner runs engines in parallel.
 */
import { describeFaultyCrashTest } from './harness/faultyCrash';

describeFaultyCrashTest('hashlog');
