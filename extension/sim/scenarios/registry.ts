/**
 * The scenario registry `ddia-labs sim` lists and runs, plus the determinism self-check: run a
 * scenario twice with the same seed and compare trace hashes.
 */
import { lwwDropsWrites, versionVectorsKeepSiblings } from './multiLeaderScenarios';
import { quorumNoStaleReads, sloppyQuorumStaleRead } from './leaderlessScenarios';
import { asyncFailoverLosesWrites, splitBrainWithoutFencing } from './singleLeaderScenarios';
import { checkScenarioOptions, type Scenario, type ScenarioResult } from './scenario';

export const SCENARIOS: readonly Scenario<object>[] = [
  asyncFailoverLosesWrites,
  splitBrainWithoutFencing,
  quorumNoStaleReads,
  sloppyQuorumStaleRead,
  lwwDropsWrites,
  versionVectorsKeepSiblings,
] as unknown as Scenario<object>[];

export function listScenarios(): { name: string; description: string; defaults: object; limits: object }[] {
  return SCENARIOS.map((s) => ({ name: s.name, description: s.description, defaults: s.defaults, limits: s.limits ?? {} }));
}

export function findScenario(name: string): Scenario<object> | undefined {
  return SCENARIOS.find((s) => s.name === name);
}

export function runScenario(name: string, seed: number, options: Record<string, unknown> = {}): ScenarioResult {
  const s = findScenario(name);
  if (s === undefined) throw new Error(`unknown scenario ${name}; known: ${SCENARIOS.map((x) => x.name).join(', ')}`);
  checkScenarioOptions(s, options);
  return s.run(seed, options);
}

export function checkDeterminism(
  name: string,
  seed: number,
  options: Record<string, unknown> = {},
): { same: boolean; hashes: [string, string] } {
  const a = runScenario(name, seed, options).hash;
  const b = runScenario(name, seed, options).hash;
  return { same: a === b, hashes: [a, b] };
}
