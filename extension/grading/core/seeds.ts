/**
 * Randomized and simulation-based built-in tests report their seed, by `t.diagnostic('seed=N')`
 * or in the failure message ("… (seed 1234)"), and read `DDIA_SEED` to replay one. The grader
 * picks the seed up and turns it into the exact command that reruns that case.
 */

const SEED = /\bseed\s*[=:]?\s*(-?\d+|0x[0-9a-fA-F]+)\b/i;

export const SEED_ENV = 'DDIA_SEED';

export function findSeed(texts: readonly string[]): string | undefined {
  for (const t of texts) {
    const m = SEED.exec(t);
    if (m) return m[1];
  }
  return undefined;
}

/** `ddia-labs grade hash-index-log/kv-log --seed 42` — the CLI passes --seed on as DDIA_SEED. */
export function replayHint(labId: string, exerciseId: string, seed: string): string {
  return `replay with: ddia-labs grade ${labId}/${exerciseId} --workspace <folder> --seed ${seed} (or set ${SEED_ENV}=${seed})`;
}
