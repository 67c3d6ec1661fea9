/**
 * A benchmark suite for `ddia-labs bench <suite>`: named cases, each a function to time built
 * by its own `setup` (so inputs are made before timing and outside it), and the pairs to
 * compare. Suites are registered in suites/index.ts; a suite's inputs are seeded, so every
 * run times the same work. Suites live here rather than in labs because they must run headless
 * without a workspace; a lab shows the same comparison live with perf.bench / perf.compare.
 */
export interface BenchCase {
  readonly name: string;
  /** Builds the inputs and returns the function to time. Called once per run, before timing. */
  setup(): () => unknown;
}

export interface BenchSuite {
  readonly id: string;
  readonly summary: string;
  readonly cases: readonly BenchCase[];
  /** [baseline, candidate] case names: the CLI reports a verdict for each pair. */
  readonly compare: readonly (readonly [string, string])[];
}
