/** perf.bench, perf.compare and live USE sampling for cells. */
export {};
