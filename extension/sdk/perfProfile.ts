/** perf.profile: CPU profiles of cell code through the V8 inspector. */
export {};
