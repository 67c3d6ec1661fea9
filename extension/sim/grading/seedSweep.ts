/**
 * Seed sweeps for graded simulation exercises: run the learner's cluster under many seeds (each
 * seed draws its own faults, latencies and workload) and stop at the first seed whose run breaks
 * a property. The failure names that seed as "seed N", which the grader turns into a replay
 * command (`ddia-labs grade <lab>/<exercise> --seed N`, i.e. DDIA_SEED=N); with DDIA_SEED set, a
 * sweep runs that one seed only, so a failure replays exactly, trace and all.
 */

/** What one seed's run is judged on: the problems found (empty = this seed passes). */
export type SeedVerdict = readonly string[];

export interface SweepOptions {
  /** How many seeds to try, starting at `firstSeed` (default 1). */
  seeds: number;
  firstSeed?: number;
  /** Run one seed; return the problems it shows (anomaly messages, failed invariants). */
  check: (seed: number) => SeedVerdict;
  /** Environment to read DDIA_SEED from (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface SweepResult {
  /** The seeds that ran, in order (stops after the first failure). */
  ran: number;
  failingSeed?: number;
  problems: readonly string[];
}

export const SEED_ENV = 'DDIA_SEED';

/** The seed DDIA_SEED asks to replay, if any (a non-negative integer; anything else is an error). */
export function replaySeed(env: Readonly<Record<string, string | undefined>> = process.env): number | undefined {
  const raw = env[SEED_ENV];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${SEED_ENV} must be a non-negative integer, got ${JSON.stringify(raw)}`);
  return n;
}

export function sweepSeeds(o: SweepOptions): SweepResult {
  if (!Number.isInteger(o.seeds) || o.seeds < 1) throw new RangeError(`seeds must be a positive integer, got ${o.seeds}`);
  const only = replaySeed(o.env);
  const list = only !== undefined ? [only] : Array.from({ length: o.seeds }, (_, i) => (o.firstSeed ?? 1) + i);
  let ran = 0;
  for (const seed of list) {
    ran++;
    const problems = o.check(seed);
    if (problems.length > 0) return { ran, failingSeed: seed, problems };
  }
  return { ran, problems: [] };
}

/** Thrown by assertEverySeed; its message starts with "seed N" so the grader offers a replay. */
export class SeedSweepError extends Error {
  override readonly name = 'SeedSweepError';
  constructor(
    readonly seed: number,
    readonly problems: readonly string[],
    what: string,
  ) {
    const shown = problems.slice(0, 3).map((p) => `  - ${p}`);
    if (problems.length > 3) shown.push(`  - … and ${problems.length - 3} more`);
    super(
      `seed ${seed}: ${what} failed\n${shown.join('\n')}\n` +
        `Replay only this run: set ${SEED_ENV}=${seed} when running the tests, or in a notebook cell run your cluster with seed ${seed} and display its timeline.`,
    );
  }
}

/** sweepSeeds, throwing SeedSweepError at the first failing seed. Returns how many seeds ran. */
export function assertEverySeed(what: string, o: SweepOptions): number {
  const r = sweepSeeds(o);
  if (r.failingSeed !== undefined) throw new SeedSweepError(r.failingSeed, r.problems, what);
  return r.ran;
}
