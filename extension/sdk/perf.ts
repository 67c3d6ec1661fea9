/** `perf` in the lab SDK: profiling, benchmarks and the USE method (Systems Performance). */
export * from './perfProfile';
export * from './perfBench';
